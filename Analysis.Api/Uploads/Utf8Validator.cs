using System.Globalization;
using System.Text.Unicode;

namespace Analysis.Api.Uploads;

/// <summary>
/// Checks that a byte stream is UTF-8 as it is copied, a chunk at a time (a character split across two chunks is
/// carried over), so a file with a stray Latin-1 byte is a 400 naming the byte instead of text with replacement
/// characters in it. Vectorised: a 100 MB upload costs milliseconds.
/// </summary>
public sealed class Utf8Validator(string field)
{
    private readonly byte[] _carry = new byte[3];
    private readonly byte[] _head = new byte[4];
    private int _carried;
    private int _headBytes;
    private bool _decided;

    // Bytes checked so far; the carried ones (a character begun but not finished) start here.
    private long _offset;

    /// <summary>
    /// Whether a stream that begins as a binary dataset file does — a ZIP (an XLSX) or <c>PAR1</c> (Parquet) — is let
    /// through unchecked (<see cref="Exempted"/> then says so; the caller checks it with <see cref="CheckAll"/> if it
    /// turns out to be neither).
    /// </summary>
    public bool BinaryFormatsExempt { get; init; }

    /// <summary>The stream began as an XLSX or Parquet file does and was not checked.</summary>
    public bool Exempted { get; private set; }

    /// <summary>Checks a whole seekable stream from where it is, and leaves it there.</summary>
    public static void CheckAll(Stream stream, string field)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var start = stream.Position;
        var validator = new Utf8Validator(field);
        var buffer = new byte[1 << 16];
        int read;
        while ((read = stream.Read(buffer)) > 0)
        {
            validator.Append(buffer.AsSpan(0, read));
        }

        validator.Complete();
        stream.Position = start;
    }

    /// <summary>Checks the next chunk; throws a 400 naming <c>field</c> and the byte offset at the first invalid sequence.</summary>
    public void Append(ReadOnlySpan<byte> chunk)
    {
        if (!_decided)
        {
            // The first four bytes say whether the stream is exempt; until they have come, they are held back.
            var take = Math.Min(chunk.Length, _head.Length - _headBytes);
            chunk[..take].CopyTo(_head.AsSpan(_headBytes));
            _headBytes += take;
            chunk = chunk[take..];
            if (_headBytes < _head.Length)
            {
                return;
            }

            Decide();
            if (Exempted)
            {
                return;
            }

            AppendChecked(_head);
        }

        if (!Exempted)
        {
            AppendChecked(chunk);
        }
    }

    private void Decide()
    {
        _decided = true;
        Exempted = BinaryFormatsExempt && _headBytes == _head.Length && (_head.AsSpan().SequenceEqual("PK\x03\x04"u8) || _head.AsSpan().SequenceEqual("PAR1"u8));
    }

    private void AppendChecked(ReadOnlySpan<byte> chunk)
    {
        if (_carried > 0)
        {
            // Complete the character begun in the last chunk with the first bytes of this one.
            var need = SequenceLength(_carry[0]) - _carried;
            if (chunk.Length < need)
            {
                chunk.CopyTo(_carry.AsSpan(_carried));
                _carried += chunk.Length;
                return;
            }

            Span<byte> joined = stackalloc byte[4];
            _carry.AsSpan(0, _carried).CopyTo(joined);
            chunk[..need].CopyTo(joined[_carried..]);
            Check(joined[..(_carried + need)], _offset);
            _offset += _carried + need;
            chunk = chunk[need..];
            _carried = 0;
        }

        var tail = IncompleteTail(chunk);
        Check(chunk[..^tail], _offset);
        chunk[^tail..].CopyTo(_carry);
        _carried = tail;
        _offset += chunk.Length - tail;
    }

    /// <summary>The end of the stream: a character still incomplete is invalid.</summary>
    public void Complete()
    {
        if (!_decided)
        {
            Decide();
            AppendChecked(_head.AsSpan(0, _headBytes));
        }

        if (_carried > 0)
        {
            throw Invalid(_offset);
        }
    }

    private void Check(ReadOnlySpan<byte> bytes, long start)
    {
        if (Utf8.IsValid(bytes))
        {
            return;
        }

        // Rare: find where, for the message.
        Span<char> scratch = stackalloc char[256];
        var at = 0;
        while (true)
        {
            var status = Utf8.ToUtf16(bytes[at..], scratch, out var read, out _, replaceInvalidSequences: false);
            at += read;
            if (status == System.Buffers.OperationStatus.InvalidData || status == System.Buffers.OperationStatus.Done)
            {
                throw Invalid(start + at);
            }
        }
    }

    private RequestValidationException Invalid(long offset) =>
        new(new Dictionary<string, string[]>
        {
            [field] = [string.Create(CultureInfo.InvariantCulture, $"Not valid UTF-8 text (byte {offset}); send UTF-8.")],
        });

    /// <summary>How many bytes at the end begin a character that continues in the next chunk (0 to 3).</summary>
    private static int IncompleteTail(ReadOnlySpan<byte> bytes)
    {
        for (var i = 1; i <= Math.Min(3, bytes.Length); i++)
        {
            var b = bytes[^i];
            if ((b & 0xC0) != 0x80)
            {
                return SequenceLength(b) > i ? i : 0;
            }
        }

        return 0;
    }

    private static int SequenceLength(byte lead) => lead switch
    {
        >= 0xF0 => 4,
        >= 0xE0 => 3,
        >= 0xC0 => 2,
        _ => 1,
    };
}
