using System.Text;
using System.Text.Json;
using Analysis.Api.Uploads;
using Analysis.Application.Common;

namespace Analysis.Tests.Api;

/// <summary>The CSV field of a JSON body decoded a chunk at a time: the same text System.Text.Json decodes.</summary>
public sealed class JsonStringUnescaperTests
{
    private static string Decode(string jsonStringContent)
    {
        using var target = new MemoryStream();
        JsonStringUnescaper.Unescape(Encoding.UTF8.GetBytes(jsonStringContent), target);
        return Encoding.UTF8.GetString(target.ToArray());
    }

    [TestCase(@"plain")]
    [TestCase(@"a\nb\r\n\tc")]
    [TestCase(@"quote \"" backslash \\ slash \/ \b\f")]
    [TestCase(@"\u00e9\u4e2d\ud83d\ude00 and é中😀 raw")]
    [TestCase(@"\u0041\u0000z")]
    public void Unescape_IsWhatTheJsonReaderDecodes(string content) =>
        Assert.That(Decode(content), Is.EqualTo(JsonSerializer.Deserialize<string>($"\"{content}\"")));

    [Test]
    public void Unescape_ALongTextOfEscapesAcrossChunks_IsWhatTheJsonReaderDecodes()
    {
        var text = new StringBuilder();
        for (var i = 0; text.Length < 300_000; i++)
        {
            text.Append(i).Append(i % 5 == 0 ? ",\"é😀\"\n" : ",x\r\n");
        }

        var escaped = JsonSerializer.Serialize(text.ToString());

        Assert.That(Decode(escaped[1..^1]), Is.EqualTo(text.ToString()));
    }

    [TestCase(@"a\ud800b")]
    [TestCase(@"\udc00")]
    [TestCase(@"\ud83d\u0041")]
    [TestCase(@"end\ud83d")]
    public void Unescape_AnUnpairedSurrogate_IsA400NamingTheCsvField(string content)
    {
        var failure = Assert.Throws<RequestValidationException>(() => Decode(content));

        Assert.That(failure!.Errors["csv"], Is.EqualTo(new[] { InvalidText.UnpairedSurrogate }));
    }
}
