using Analysis.Application.Datasets;
using Analysis.Infrastructure.Csv;

namespace Analysis.Tests.Domain;

/// <summary>The datasets written by scripts/r-reference.R, and a comparison at R's precision.</summary>
internal static class ReferenceData
{
    /// <summary>The bar: every figure within a relative 1e-6 of R (p-values to 6 significant digits).</summary>
    public const double Relative = 1e-6;

    public static Dataset Load(string name)
    {
        using var stream = File.OpenRead(Path.Combine(TestContext.CurrentContext.TestDirectory, "TestData", name));
        return SepDatasetReader.Read(stream, new DatasetLimits(1_000_000, 100), CancellationToken.None);
    }

    public static T Run<T>(AnalysisSpec spec, Dataset data) where T : AnalysisResult
    {
        var result = AnalysisEngine.Run(spec, data, CancellationToken.None);
        if (result is AnalysisErrorResult error)
        {
            Assert.Fail($"expected numbers, got error: {error.Error}");
        }

        return (T)result;
    }

    public static AnalysisErrorResult RunError(AnalysisSpec spec, Dataset data)
    {
        var result = AnalysisEngine.Run(spec, data, CancellationToken.None);
        Assert.That(result, Is.InstanceOf<AnalysisErrorResult>());
        return (AnalysisErrorResult)result;
    }

    public static void Close(double actual, double expected, string what)
    {
        var tolerance = Relative * Math.Abs(expected);
        Assert.That(actual, Is.EqualTo(expected).Within(tolerance == 0 ? 1e-12 : tolerance), what);
    }

    public static void Close(IReadOnlyList<double> actual, IReadOnlyList<double> expected, string what)
    {
        Assert.That(actual, Has.Count.EqualTo(expected.Count), what);
        for (var i = 0; i < expected.Count; i++)
        {
            Close(actual[i], expected[i], $"{what}[{i}]");
        }
    }
}
