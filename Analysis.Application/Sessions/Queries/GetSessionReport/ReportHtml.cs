using System.Net;
using System.Text;

namespace Analysis.Application.Sessions.Queries.GetSessionReport;

/// <summary>
/// The report as one self-contained HTML page: its styles inline, its charts inline SVG, no script and no reference to
/// any other URL, so it can be mailed or archived as it is; a print stylesheet keeps tables, charts and each analysis's
/// heading with what follows it on one page, so the browser's "Save as PDF" gives clean A4 or Letter pages.
/// </summary>
public static class ReportHtml
{
    private const string Style = """
        :root { color-scheme: light; }
        body { font: 15px/1.5 Georgia, "Times New Roman", serif; color: #1a1a1a; margin: 2rem auto; max-width: 52rem; padding: 0 1rem; }
        h1 { font-size: 1.6rem; margin-bottom: 0.5rem; }
        h2 { font-size: 1.2rem; margin: 2rem 0 0.5rem; border-bottom: 1px solid #999; }
        dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.1rem 1rem; font-size: 0.9rem; }
        dl.facts dt { font-weight: bold; }
        dl.facts dd { margin: 0; overflow-wrap: anywhere; }
        p.apa { font-style: italic; }
        table { border-collapse: collapse; margin: 0.75rem 0; font-size: 0.9rem; }
        caption { text-align: left; font-style: italic; padding-bottom: 0.25rem; }
        thead th { border-top: 2px solid #1a1a1a; border-bottom: 1px solid #1a1a1a; }
        tbody tr:last-child td, tbody tr:last-child th { border-bottom: 2px solid #1a1a1a; }
        th, td { padding: 0.2rem 0.75rem; text-align: right; }
        th:first-child, td:first-child { text-align: left; }
        ul.warnings { color: #6b4e00; }
        pre.r { background: #f4f4f4; padding: 0.5rem; white-space: pre-wrap; overflow-wrap: anywhere; font-size: 0.85rem; }
        svg { max-width: 100%; height: auto; }
        @page { margin: 18mm 16mm; }
        @media print {
          body { margin: 0; max-width: none; font-size: 11pt; }
          section.analysis, table, figure, svg { break-inside: avoid; page-break-inside: avoid; }
          h1, h2 { break-after: avoid; page-break-after: avoid; }
        }
        """;

    public static string Write(SessionReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        html.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        html.Append("<title>").Append(E(report.Title)).Append(" — report</title>\n<style>\n").Append(Style).Append("</style>\n</head>\n<body>\n<main>\n");
        html.Append("<h1>").Append(E(report.Title)).Append("</h1>\n<dl class=\"facts\">\n");
        foreach (var (name, value) in report.Facts)
        {
            html.Append("<dt>").Append(E(name)).Append("</dt><dd>").Append(E(value)).Append("</dd>\n");
        }

        html.Append("</dl>\n");
        foreach (var section in report.Sections)
        {
            html.Append("<section class=\"analysis\" aria-labelledby=\"analysis-").Append(section.Number).Append("\">\n");
            html.Append("<h2 id=\"analysis-").Append(section.Number).Append("\">").Append(E(section.Title)).Append("</h2>\n");
            if (section.Sentence is { } sentence)
            {
                html.Append("<p class=\"apa\">").Append(E(sentence)).Append("</p>\n");
            }

            foreach (var table in section.Tables)
            {
                html.Append("<table>\n<caption>").Append(E(table.Caption)).Append("</caption>\n<thead><tr>");
                foreach (var header in table.Header)
                {
                    html.Append("<th scope=\"col\">").Append(E(header)).Append("</th>");
                }

                html.Append("</tr></thead>\n<tbody>\n");
                foreach (var row in table.Rows)
                {
                    html.Append("<tr>");
                    for (var i = 0; i < row.Count; i++)
                    {
                        html.Append(i == 0 ? "<th scope=\"row\">" : "<td>").Append(E(row[i])).Append(i == 0 ? "</th>" : "</td>");
                    }

                    html.Append("</tr>\n");
                }

                html.Append("</tbody>\n</table>\n");
            }

            if (section.Svg is { } svg)
            {
                html.Append("<figure>").Append(svg).Append("</figure>\n");
            }

            if (section.Warnings.Count > 0)
            {
                html.Append("<ul class=\"warnings\" aria-label=\"Warnings\">\n");
                foreach (var warning in section.Warnings)
                {
                    html.Append("<li>").Append(E(warning)).Append("</li>\n");
                }

                html.Append("</ul>\n");
            }

            if (section.R is { } r)
            {
                html.Append("<p>In R:</p>\n<pre class=\"r\"><code>").Append(E(r)).Append("</code></pre>\n");
            }

            html.Append("</section>\n");
        }

        return html.Append("</main>\n</body>\n</html>\n").ToString();
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
