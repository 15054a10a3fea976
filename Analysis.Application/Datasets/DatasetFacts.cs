using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Analysis.Application.Datasets;

/// <summary>What is known of an uploaded dataset besides its values: its schema with distinct counts, the hash of its bytes, its content key.</summary>
public static class DatasetFacts
{
    /// <summary>Distinct values are counted up to this: one more than the most levels a grouping column may have.</summary>
    public const int DistinctCap = CategoricalColumn.MaxKeptLevels;

    /// <summary>The reader's options for every upload so far: CSV, with the default missing-value cells.</summary>
    private const string CsvOptions = "csv";

    /// <summary>The schema, each column with its distinct non-missing values counted up to <see cref="DistinctCap"/>.</summary>
    public static DatasetSchema SchemaOf(Dataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        var schema = dataset.Schema;
        return schema with { Columns = [.. schema.Columns.Select((c, i) => c with { Distinct = Distinct(dataset.Columns[i]) })] };
    }

    public static int Distinct(DataColumn column)
    {
        switch (column)
        {
            case CategoricalColumn categorical:
                return Math.Min(categorical.Levels.Length, DistinctCap);
            case NumericColumn numeric:
                var seen = new HashSet<double>();
                foreach (var value in numeric.Values)
                {
                    if (!double.IsNaN(value) && seen.Add(value) && seen.Count == DistinctCap)
                    {
                        break;
                    }
                }

                return seen.Count;
            default:
                throw new ArgumentException($"Unknown column kind {column.GetType().Name}.", nameof(column));
        }
    }

    /// <summary>
    /// The cells an upload reads as missing: its <c>naStrings</c> (checked: at most 20 of at most 20 characters), or
    /// the default. A create on a stored dataset takes none (that dataset was read with its own).
    /// </summary>
    public static MissingValues MissingValuesOf(IReadOnlyList<string>? naStrings, bool onStoredDataset, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (naStrings is null)
        {
            return MissingValues.Default;
        }

        if (onStoredDataset)
        {
            errors.Add("naStrings", "Only with an upload: a stored dataset was read with its own (its naStrings).");
        }
        else if (MissingValues.Problem(naStrings) is { } problem)
        {
            errors.Add("naStrings", problem);
        }

        return errors.Any ? MissingValues.Default : new MissingValues(naStrings);
    }

    /// <summary>The most characters a <c>sheet</c> may have (Excel's own limit is 31).</summary>
    public const int MaxSheetNameLength = 100;

    /// <summary>An upload's <c>sheet</c>: only with an upload (a stored dataset was read from its own), of a sheet name's length.</summary>
    public static void CheckSheet(string? sheet, bool onStoredDataset, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (sheet is null)
        {
            return;
        }

        if (onStoredDataset)
        {
            errors.Add("sheet", "Only with an XLSX upload: a stored dataset was read from its own sheet.");
        }
        else if (sheet.Length is 0 or > MaxSheetNameLength)
        {
            errors.Add("sheet", $"A worksheet's name: 1 to {MaxSheetNameLength} characters.");
        }
    }

    /// <summary>The SHA-256 of the stream's bytes, hex lowercase; the stream is left where it was.</summary>
    public static string Sha256(Stream file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var start = file.Position;
        var hash = SHA256.HashData(file);
        file.Position = start;
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>
    /// The bytes' hash and the options they are read with, as one key: the same key is the same dataset. The missing
    /// strings are a set: their order does not matter. An XLSX's sheet counts as it was asked for (none: the first).
    /// </summary>
    public static string ContentKey(string sha256, IReadOnlyList<string> naStrings, string? sheet = null)
    {
        var text = $"{CsvOptions}\n{sha256}\n{JsonSerializer.Serialize(naStrings.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))}";
        if (sheet is not null)
        {
            text += $"\nsheet\n{sheet}";
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}
