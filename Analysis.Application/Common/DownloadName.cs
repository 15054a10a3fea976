namespace Analysis.Application.Common;

/// <summary>A file name for a download (<c>Content-Disposition</c>, which is ASCII): the name's other characters become '_'.</summary>
public static class DownloadName
{
    public static string Of(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return new string([.. name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ' ' ? c : '_')]);
    }
}
