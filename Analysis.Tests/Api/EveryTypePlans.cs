using System.Globalization;
using System.Text;

namespace Analysis.Tests.Api;

/// <summary>
/// Plans that hold every analysis type and option (issue #20), on mtcars and on a generated table, for the tests that
/// run a whole session through R (<see cref="RScriptApiTests"/>) and through its report.
/// </summary>
internal static class EveryTypePlans
{
    /// <summary>mtcars: numeric groupings (am, cyl, vs, gear), every type, every option of each.</summary>
    public const string Mtcars = """
        [{"type":"descriptive","columns":["mpg","wt"]},
         {"type":"correlation","columns":["mpg","wt","hp"]},
         {"type":"correlation","columns":["mpg","wt","qsec"],"method":"spearman"},
         {"type":"correlation","columns":["mpg","wt"],"method":"kendall"},
         {"type":"correlation","columns":["mpg","wt","hp","qsec"],"pAdjust":"hommel"},
         {"type":"ttest","column":"mpg","groupBy":"am"},
         {"type":"ttest","column":"mpg","groupBy":"am","equalVariance":true,"confidenceLevel":0.9},
         {"type":"ttest","column":"mpg","groupBy":"cyl","groups":[8,4]},
         {"type":"ttest","column":"mpg","mu":20,"confidenceLevel":0.99},
         {"type":"ttest","columns":["mpg","qsec"],"paired":true},
         {"type":"anova","column":"mpg","groupBy":"cyl"},
         {"type":"regression","dependent":"mpg","independents":["wt","hp"]},
         {"type":"logistic","dependent":"am","independents":["wt"]},
         {"type":"chisquare","columns":["am","vs"]},
         {"type":"chisquare","columns":["am","vs"],"correction":false},
         {"type":"chisquare","columns":["cyl","gear"]},
         {"type":"fisher","columns":["am","vs"]},
         {"type":"fisher","columns":["am","vs"],"confidenceLevel":0.9},
         {"type":"fisher","columns":["cyl","gear"]},
         {"type":"mannwhitney","column":"mpg","groupBy":"am"},
         {"type":"mannwhitney","column":"mpg","groupBy":"am","exact":false,"correction":false},
         {"type":"mannwhitney","column":"qsec","groupBy":"cyl","groups":[8,4],"exact":true},
         {"type":"wilcoxon","column":"mpg","mu":20},
         {"type":"wilcoxon","columns":["mpg","qsec"],"exact":false,"correction":false},
         {"type":"kruskal","column":"mpg","groupBy":"cyl"},
         {"type":"levene","column":"mpg","groupBy":"cyl"},
         {"type":"levene","column":"mpg","groupBy":"cyl","center":"mean"},
         {"type":"shapiro","columns":["mpg","wt"]},
         {"type":"tukey","column":"mpg","groupBy":"cyl"},
         {"type":"tukey","column":"mpg","groupBy":"gear","confidenceLevel":0.9},
         {"type":"pairwise","column":"mpg","groupBy":"cyl"},
         {"type":"pairwise","column":"mpg","groupBy":"gear","pooledSd":false,"pAdjust":"BH"},
         {"type":"pairwise","column":"qsec","groupBy":"cyl","test":"wilcoxon","pAdjust":"bonferroni"},
         {"type":"pairwise","column":"wt","groupBy":"gear","test":"wilcoxon","pAdjust":"none"},
         {"type":"ttest","column":"mpg","groupBy":"am","checks":true},
         {"type":"anova","column":"mpg","groupBy":"cyl","checks":true},
         {"type":"regression","dependent":"mpg","independents":["wt","hp"],"checks":true},
         {"type":"regression","dependent":"mpg","independents":["wt","hp"],"weights":"cyl"},
         {"type":"regression","dependent":"mpg","independents":["wt","qsec"],"weights":"am","checks":true},
         {"type":"logistic","dependent":"am","independents":["wt"],"weights":"cyl"}]
        """;

    /// <summary>The generated table: text groupings and outcome, missing cells, ties, zero differences, "dose µg".</summary>
    public const string Mixed = """
        [{"type":"descriptive","columns":["score","dose µg"]},
         {"type":"correlation","columns":["score","dose µg","pre"],"method":"spearman"},
         {"type":"correlation","columns":["score","pre","post"],"method":"kendall"},
         {"type":"correlation","columns":["score","dose µg","pre","post"],"method":"spearman","pAdjust":"BY"},
         {"type":"ttest","column":"score","groupBy":"sex"},
         {"type":"ttest","column":"score","groupBy":"group","groups":["c","a"],"equalVariance":true},
         {"type":"ttest","columns":["pre","post"],"paired":true,"confidenceLevel":0.9},
         {"type":"anova","column":"score","groupBy":"group"},
         {"type":"regression","dependent":"score","independents":["dose µg","group","sex"]},
         {"type":"logistic","dependent":"pass","independents":["pre","sex"]},
         {"type":"chisquare","columns":["group","sex"]},
         {"type":"fisher","columns":["sex","pass"]},
         {"type":"fisher","columns":["group","pass"]},
         {"type":"mannwhitney","column":"score","groupBy":"sex"},
         {"type":"mannwhitney","column":"score","groupBy":"group","groups":["b","a"],"exact":false},
         {"type":"wilcoxon","columns":["pre","post"]},
         {"type":"wilcoxon","column":"score","mu":50,"exact":false},
         {"type":"kruskal","column":"score","groupBy":"group"},
         {"type":"levene","column":"score","groupBy":"group"},
         {"type":"shapiro","columns":["score","pre"]},
         {"type":"tukey","column":"score","groupBy":"group"},
         {"type":"ttest","column":"score","groupBy":"dilution","groups":[100000,0.00001]},
         {"type":"mannwhitney","column":"score","groupBy":"dilution","groups":["0.5","0.00001"]},
         {"type":"correlation","columns":["score","const","pre"]},
         {"type":"shapiro","columns":["score","const"]},
         {"type":"pairwise","column":"score","groupBy":"group","pAdjust":"hochberg"},
         {"type":"pairwise","column":"score","groupBy":"group","test":"wilcoxon"},
         {"type":"pairwise","column":"score","groupBy":"dilution","paired":true,"pAdjust":"hommel"},
         {"type":"pairwise","column":"pre","groupBy":"sex","test":"wilcoxon","paired":true,"pAdjust":"BY"},
         {"type":"ttest","column":"score","groupBy":"group","groups":["c","a"],"checks":true},
         {"type":"anova","column":"score","groupBy":"group","checks":true},
         {"type":"regression","dependent":"score","independents":["dose µg","group"],"weights":"pre","checks":true},
         {"type":"logistic","dependent":"pass","independents":["pre"],"weights":"dose µg"},
         {"type":"correlation","columns":["score","dose µg","pre","post"],"use":"pairwise"},
         {"type":"correlation","columns":["score","pre","const"],"method":"spearman","use":"pairwise","pAdjust":"holm"},
         {"type":"correlation","columns":["score","pre"],"method":"kendall","use":"pairwise"}]
        """;

    /// <summary>
    /// 60 rows from fixed formulas: score (halves, so ties; every 13th missing), group a/b/c (two missing), sex, a
    /// numeric "dose µg" (a space and a character past ASCII, which R takes only raw inside backticks), pre and post (every 6th difference zero), a text outcome pass no/yes, a numeric
    /// grouping dilution whose levels R writes otherwise (1e-05), and a constant column (no correlation, no Shapiro–Wilk).
    /// </summary>
    /// <summary>A numeric grouping whose levels R writes otherwise than the service names them (1e-05, 1e+05).</summary>
    private static readonly string[] Dilutions = ["0.00001", "0.5", "100000"];

    public static string MixedCsv()
    {
        var csv = new StringBuilder("score,group,sex,dose µg,pre,post,pass,dilution,const\n");
        for (var i = 0; i < 60; i++)
        {
            var score = Math.Round((50 + (10 * Math.Sin(i * 1.7)) + (i % 3 * 2)) * 2) / 2;
            var pre = Math.Round(20 + (5 * Math.Sin(i * 0.9)), 1);
            var post = i % 6 == 0 ? pre : Math.Round(pre + 1 + (2 * Math.Cos(i * 1.3)), 1);
            var pass = score + (8 * Math.Sin(i * 2.3)) > 52 ? "yes" : "no";
            csv.Append(CultureInfo.InvariantCulture,
                $"{(i % 13 == 5 ? string.Empty : score.ToString(CultureInfo.InvariantCulture))},{(i % 17 == 3 ? string.Empty : "abc"[i % 3].ToString())}," +
                $"{(i / 2 % 2 == 0 ? "F" : "M")},{(10 * (1 + (i % 4))) + Math.Round(Math.Cos(i) * 3, 1)},{pre},{post},{pass},{Dilutions[i % 3]},1\n");
        }

        return csv.ToString();
    }
}
