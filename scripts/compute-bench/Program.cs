using System.Diagnostics;
using Analysis.Domain.Analyses;
using Analysis.Domain.Analyses.Correlation;
using Analysis.Domain.Analyses.Descriptive;
using Analysis.Domain.Analyses.Regression;
using Analysis.Domain.Datasets;

// The same columns every run (a fixed seed): ten numeric columns of 1,000,000 rows, five decimals.
var random = new Random(20261208);
const int Rows = 1_000_000;
var columns = new List<DataColumn>();
for (var j = 0; j < 10; j++)
{
    var values = new double[Rows];
    double spread = 0.5 + (random.NextDouble() * 20), centre = (random.NextDouble() * 100) - 50;
    for (var i = 0; i < Rows; i++)
    {
        values[i] = Math.Round(centre + (spread * (random.NextDouble() + random.NextDouble() + random.NextDouble() - 1.5)), 5);
    }

    columns.Add(new NumericColumn(j == 0 ? "y" : $"x{j}", values));
}

var data = new Dataset(columns);
AnalysisSpec[] plan =
[
    new DescriptiveSpec([.. columns.Select(c => c.Name)]),
    new CorrelationSpec([.. columns.Select(c => c.Name)], CorrelationMethod.Pearson),
    new RegressionSpec("y", ["x1", "x2", "x3", "x4", "x5"]),
];
var times = new List<double>();
for (var run = 0; run < 12; run++)
{
    var watch = Stopwatch.StartNew();
    foreach (var spec in plan)
    {
        AnalysisEngine.Run(spec, data, CancellationToken.None);
    }

    times.Add(watch.Elapsed.TotalMilliseconds);
}

var counted = times.Skip(2).Order().ToList();
Console.WriteLine($"the plan's analyses on {Rows:N0} rows: median {counted[counted.Count / 2]:F1} ms, fastest {counted[0]:F1} ms (10 runs after 2)");
