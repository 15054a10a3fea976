namespace Analysis.Api.Uploads;

/// <summary>A <c>datasetId</c> as a request sends it: an id that names no dataset (malformed too) is <see cref="Guid.Empty"/>, found by nobody.</summary>
internal static class DatasetReference
{
    public static Guid? Parse(string? text) =>
        text is null ? null : Guid.TryParse(text.Trim(), out var id) ? id : Guid.Empty;
}
