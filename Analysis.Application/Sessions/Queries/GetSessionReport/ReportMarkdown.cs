using System.Text;

namespace Analysis.Application.Sessions.Queries.GetSessionReport;

/// <summary>The report as Markdown (CommonMark with pipe tables): the same facts, sentences, tables, charts (as inline SVG) and R calls.</summary>
public static class ReportMarkdown
{
    public static string Write(SessionReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var md = new StringBuilder();
        md.Append("# ").Append(Text(report.Title)).Append("\n\n");
        foreach (var (name, value) in report.Facts)
        {
            md.Append("- **").Append(Text(name)).Append(":** ").Append(Text(value)).Append('\n');
        }

        foreach (var section in report.Sections)
        {
            md.Append("\n## ").Append(Text(section.Title)).Append("\n\n");
            if (section.Sentence is { } sentence)
            {
                md.Append('*').Append(Text(sentence)).Append("*\n\n");
            }

            foreach (var table in section.Tables)
            {
                md.Append("Table: ").Append(Text(table.Caption)).Append("\n\n");
                md.Append("| ").AppendJoin(" | ", table.Header.Select(Cell)).Append(" |\n");
                md.Append('|').AppendJoin('|', table.Header.Select((_, i) => i == 0 ? " --- " : " ---: ")).Append("|\n");
                foreach (var row in table.Rows)
                {
                    md.Append("| ").AppendJoin(" | ", row.Select(Cell)).Append(" |\n");
                }

                md.Append('\n');
            }

            if (section.Svg is { } svg)
            {
                md.Append(svg).Append("\n\n");
            }

            foreach (var warning in section.Warnings)
            {
                md.Append("> Warning: ").Append(Text(warning)).Append('\n');
            }

            if (section.Warnings.Count > 0)
            {
                md.Append('\n');
            }

            if (section.R is { } r)
            {
                md.Append("In R:\n\n```r\n").Append(r).Append("\n```\n");
            }
        }

        return md.ToString();
    }

    /// <summary>Text where Markdown would read its characters as markup: they are escaped.</summary>
    private static string Text(string text)
    {
        var s = new StringBuilder(text.Length);
        foreach (var c in text.ReplaceLineEndings(" "))
        {
            if (c is '\\' or '`' or '*' or '_' or '[' or ']' or '<' or '>' or '#' or '|' or '&')
            {
                s.Append('\\');
            }

            s.Append(c);
        }

        return s.ToString();
    }

    private static string Cell(string text) => Text(text);
}
