namespace Analysis.Application.Common;

/// <summary>Messages for text a request cannot hold.</summary>
public static class InvalidText
{
    /// <summary>A JSON string escape like <c>"\ud800"</c>: half of a character, which no text can hold.</summary>
    public const string UnpairedSurrogate =
        "Not valid text: it holds an unpaired surrogate (an escape such as \\ud800 without its other half).";
}
