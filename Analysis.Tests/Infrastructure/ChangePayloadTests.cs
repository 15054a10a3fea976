using Analysis.Infrastructure.Changes;

namespace Analysis.Tests.Infrastructure;

/// <summary>
/// The NOTIFY payload is read by processes of other versions during a deploy: version 0 has always meant a deletion,
/// and a payload that is not ours is ignored rather than misread.
/// </summary>
public sealed class ChangePayloadTests
{
    private static readonly Guid Session = Guid.Parse("0f8b9c3e-5d1a-4a0e-9a8b-2c3d4e5f6a7b");

    [Test]
    public void TryParse_VersionZero_IsADeletion()
    {
        Assert.That(PostgresChangePublisher.TryParse($"{Session:N}:0:0:host/0/abcd1234", out var id, out var version, out var claimable, out var origin), Is.True);
        Assert.Multiple(() =>
        {
            Assert.That(id, Is.EqualTo(Session));
            Assert.That(version, Is.Null);
            Assert.That(claimable, Is.False);
            Assert.That(origin, Is.EqualTo("host/0/abcd1234"));
        });
    }

    [Test]
    public void TryParse_AVersion_IsThatVersion_WithItsClaimableFlag()
    {
        Assert.That(PostgresChangePublisher.TryParse($"{Session:N}:7:1:host/1/ffff0000", out _, out var version, out var claimable, out _), Is.True);
        Assert.Multiple(() =>
        {
            Assert.That(version, Is.EqualTo(7));
            Assert.That(claimable, Is.True);
        });
    }

    [TestCase("")]
    [TestCase("not-a-guid:1:0:x")]
    [TestCase("0f8b9c3e5d1a4a0e9a8b2c3d4e5f6a7b:-1:0:x")]
    [TestCase("0f8b9c3e5d1a4a0e9a8b2c3d4e5f6a7b:one:0:x")]
    [TestCase("0f8b9c3e5d1a4a0e9a8b2c3d4e5f6a7b:1:0")]
    public void TryParse_APayloadNotOurs_IsRefused(string payload) =>
        Assert.That(PostgresChangePublisher.TryParse(payload, out _, out _, out _, out _), Is.False);
}
