namespace Analysis.Application.Datasets;

/// <summary>The CSV breaks a rule of docs/api.md (ragged row, duplicate header, no rows, too large ...).</summary>
public sealed class DatasetFormatException(string message) : Exception(message);
