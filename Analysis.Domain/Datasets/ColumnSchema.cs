namespace Analysis.Domain.Datasets;

/// <summary>
/// A column as a session keeps it: its name, type and missing count, and for a categorical column how many distinct
/// values it has (its kept levels, up to <see cref="CategoricalColumn.MaxKeptLevels"/>; null when not known: a
/// numeric column, or a schema stored before it was counted). A stored dataset's schema also counts each column's
/// <see cref="Distinct"/> non-missing values, up to <see cref="CategoricalColumn.MaxKeptLevels"/> (null where not
/// counted).
/// </summary>
public sealed record ColumnSchema(string Name, ColumnType Type, int Missing, int? Levels = null, int? Distinct = null);
