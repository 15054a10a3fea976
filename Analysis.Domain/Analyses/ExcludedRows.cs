namespace Analysis.Domain.Analyses;

/// <summary>
/// How many rows an analysis left out for a missing value (a result's <c>nExcluded</c>): rows with a missing value in
/// any column it used, dropped listwise. When the analysis compares two named groups of a grouping column, only the
/// rows of those groups, and rows whose group is missing, could have been used: the other groups' rows are not
/// counted as left out.
/// </summary>
public static class ExcludedRows
{
    public static int Count(Dataset data, IReadOnlyList<string> columns, string? groupBy = null, IReadOnlyList<string>? groups = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(columns);
        var used = columns.Distinct(StringComparer.Ordinal).Select(data.Find).OfType<DataColumn>().Where(c => c.MissingCount > 0).ToArray();
        if (used.Length == 0)
        {
            return 0;
        }

        bool[]? inScope = null;
        if (groups is not null && groupBy is not null && data.Find(groupBy) is { } groupColumn && Grouping.Build(groupColumn) is { } grouping)
        {
            var picked = groups.Select(grouping.IndexOf).ToHashSet();
            inScope = [.. grouping.Codes.Select(code => code < 0 || picked.Contains(code))];
        }

        var excluded = 0;
        for (var row = 0; row < data.RowCount; row++)
        {
            if (inScope is not null && !inScope[row])
            {
                continue;
            }

            foreach (var column in used)
            {
                if (column.IsMissing(row))
                {
                    excluded++;
                    break;
                }
            }
        }

        return excluded;
    }
}
