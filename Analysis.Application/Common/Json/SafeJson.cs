using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace Analysis.Application.Common.Json;

/// <summary>The one JSON text encoder of the API (bodies, stored results): HTML-sensitive characters escaped, letters of every script not.</summary>
public static class SafeJson
{
    public static JavaScriptEncoder Encoder { get; } = JavaScriptEncoder.Create(UnicodeRanges.All);
}
