using Analysis.Application.Sessions.Queries.GetSessionStatus;
using Microsoft.Extensions.Primitives;

namespace Analysis.Tests.Application;

/// <summary>If-None-Match against the status ETag, as RFC 9110 (13.1.2, 8.8.3) defines the header and weak comparison.</summary>
public sealed class SessionETagTests
{
    private static readonly Guid Id = Guid.Parse("0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b");
    private static readonly string Current = SessionETag.For(Id, 7);

    [Test]
    public void For_IsTheQuotedIdAndVersion() =>
        Assert.That(Current, Is.EqualTo("\"0193a1b2c3d47e5f8a9b0c1d2e3f4a5b-7\""));

    [TestCase("{0}")]
    [TestCase("W/{0}")]
    [TestCase("*")]
    [TestCase("\"other\", {0}")]
    [TestCase("\"other\",{0}")]
    [TestCase(" {0} ")]
    [TestCase(", ,{0},")]
    [TestCase("\"a\", W/\"b\", {0}, \"c\"")]
    public void Matches_WhenTheHeaderNamesTheCurrentVersion_IsTrue(string header) =>
        Assert.That(SessionETag.Matches(new StringValues(string.Format(null, header, Current)), Id, 7), Is.True);

    [TestCase("")]
    [TestCase("\"other\"")]
    [TestCase("W/\"other\"")]
    [TestCase("\"0193a1b2c3d47e5f8a9b0c1d2e3f4a5b-6\"")]
    [TestCase("0193a1b2c3d47e5f8a9b0c1d2e3f4a5b-7")]
    [TestCase("{0} junk")]
    [TestCase("\"unclosed, {0}")]
    [TestCase("w/{0}")]
    public void Matches_WhenTheHeaderDoesNotNameIt_IsFalse(string header) =>
        Assert.That(SessionETag.Matches(new StringValues(string.Format(null, header, Current)), Id, 7), Is.False);

    [Test]
    public void Matches_WhenTheTagIsInASecondHeaderLine_IsTrue() =>
        Assert.That(SessionETag.Matches(new StringValues(["\"other\"", Current]), Id, 7), Is.True);

    [Test]
    public void Matches_WhenNoHeader_IsFalse() =>
        Assert.That(SessionETag.Matches(StringValues.Empty, Id, 7), Is.False);
}
