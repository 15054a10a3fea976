namespace Analysis.Application.Datasets;

/// <summary>What an uploaded dataset file is, told from its content, never its name (docs/api.md, Datasets).</summary>
public enum DatasetFormat
{
    Csv,
    Xlsx,
    Parquet,
}

public static class DatasetFormatNames
{
    /// <summary>The format as the API writes it in a dataset's <c>format</c>: <c>csv</c>, <c>xlsx</c>, <c>parquet</c>.</summary>
    public static string ToWireName(this DatasetFormat format) => format switch
    {
        DatasetFormat.Xlsx => "xlsx",
        DatasetFormat.Parquet => "parquet",
        _ => "csv",
    };
}
