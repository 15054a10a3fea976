using System.Buffers;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;

namespace Analysis.Api.Authentication;

/// <summary>
/// The configured keys, held only as SHA-256 hashes, each with its owner's principal (made once, shared by every
/// request). A presented key is hashed and compared with every entry in constant time, so neither the answer's
/// timing nor which entry matched depends on how much of a key an attacker guessed.
/// </summary>
public sealed class ApiKeyRing
{
    /// <summary>Longer presented keys are not hashed at all: no configured key is anywhere near this long.</summary>
    public const int MaxPresentedKeyLength = 512;

    private readonly (byte[] Hash, ClaimsPrincipal Principal)[] _keys;

    public ApiKeyRing(IOptions<AuthOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _keys = [.. options.Value.ApiKeys.Select(e => (e.Key is { Length: > 0 } key ? Hash(key) : Convert.FromHexString(e.KeyHash!), PrincipalFor(e.Owner)))];
        Anonymous = PrincipalFor(AuthOptions.AnonymousOwner);
    }

    /// <summary>The principal of every caller when authentication is off.</summary>
    public ClaimsPrincipal Anonymous { get; }

    public int Count => _keys.Length;

    /// <summary>The SHA-256 of a key's UTF-8 bytes: what <c>KeyHash</c> holds, in hexadecimal.</summary>
    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    /// <summary>The principal of the key's owner, or null when the key is not configured.</summary>
    public ClaimsPrincipal? Find(ReadOnlySpan<char> presented)
    {
        if (presented.IsEmpty || presented.Length > MaxPresentedKeyLength)
        {
            return null;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(presented.Length));
        try
        {
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(buffer.AsSpan(0, Encoding.UTF8.GetBytes(presented, buffer)), hash);
            ClaimsPrincipal? found = null;
            foreach (var (known, principal) in _keys)
            {
                // Every entry is compared, whatever matched before it.
                if (CryptographicOperations.FixedTimeEquals(known, hash))
                {
                    found ??= principal;
                }
            }

            return found;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static ClaimsPrincipal PrincipalFor(string owner) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, owner)], ApiKeyAuthenticationHandler.SchemeName));
}
