namespace Analysis.Infrastructure.Datasets.Formats;

/// <summary>What an uploaded dataset file is, told from its content (<see cref="DatasetFormats.Detect"/>).</summary>
public enum DatasetFormat
{
    Csv,
    Xlsx,
    Parquet,
}
