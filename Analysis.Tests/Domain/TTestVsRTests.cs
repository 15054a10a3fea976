using static Analysis.Tests.Domain.ReferenceData;

namespace Analysis.Tests.Domain;

/// <summary>t-tests against R 4.2.2; each expected value is printed by scripts/r-reference.R (R call beside it).</summary>
public sealed class TTestVsRTests
{
    [Test]
    public void Welch_SleepExtraByGroup_MatchesR()
    {
        // R: t.test(extra ~ group, data = sleep)
        var r = Run<TTestResult>(new TwoSampleTTestSpec("extra", "group", null, false, 0.95), Load("sleep.csv"));

        Assert.Multiple(() =>
        {
            Assert.That(r.Kind, Is.EqualTo("welch"));
            Close(r.Statistic, -1.8608134674868531, "t");
            Close(r.Df, 17.776473516178498, "df");
            Close(r.PValue, 0.079394140187358173, "p");
            Close(r.ConfidenceInterval, [-3.3654832307117104, 0.20548323071171018], "ci");
            Close(r.Estimate, -1.58, "estimate");
            Assert.That(r.Groups!.Select(g => (g.Name, g.N)), Is.EqualTo(new[] { ("1", 10), ("2", 10) }));
            Assert.That(r.N, Is.EqualTo(20));
            Assert.That(r.Highlight, Is.EqualTo("ttest extra by group: t = -1.861, df = 17.78, p = 0.0794"));
        });
    }

    [Test]
    public void Student_SleepExtraByGroup_MatchesR()
    {
        // R: t.test(extra ~ group, data = sleep, var.equal = TRUE)
        var r = Run<TTestResult>(new TwoSampleTTestSpec("extra", "group", null, true, 0.95), Load("sleep.csv"));

        Assert.Multiple(() =>
        {
            Assert.That(r.Kind, Is.EqualTo("student"));
            Close(r.Statistic, -1.8608134674868528, "t");
            Assert.That(r.Df, Is.EqualTo(18));
            Close(r.PValue, 0.079186714215938175, "p");
            Close(r.ConfidenceInterval, [-3.3638740322875984, 0.20387403228759859], "ci");
        });
    }

    [Test]
    public void Paired_SleepWide_At90Percent_MatchesR()
    {
        // R: t.test(sleep$extra[1:10], sleep$extra[11:20], paired = TRUE, conf.level = 0.9)
        var r = Run<TTestResult>(new PairedTTestSpec("g1", "g2", 0.9), Load("sleep_wide.csv"));

        Assert.Multiple(() =>
        {
            Assert.That(r.Kind, Is.EqualTo("paired"));
            Close(r.Statistic, -4.0621276833820366, "t");
            Assert.That(r.Df, Is.EqualTo(9));
            Close(r.PValue, 0.0028328901973842702, "p");
            Close(r.ConfidenceInterval, [-2.2930052670292835, -0.8669947329707165], "ci");
            Close(r.Estimate, -1.58, "estimate");
            Assert.That(r.Columns, Is.EqualTo(new[] { "g1", "g2" }));
        });
    }

    [Test]
    public void OneSample_MpgAgainst20_At99Percent_MatchesR()
    {
        // R: t.test(mtcars$mpg, mu = 20, conf.level = 0.99)
        var r = Run<TTestResult>(new OneSampleTTestSpec("mpg", 20, 0.99), Load("mtcars.csv"));

        Assert.Multiple(() =>
        {
            Close(r.Statistic, 0.085060035681333551, "t");
            Assert.That(r.Df, Is.EqualTo(31));
            Close(r.PValue, 0.9327606409093897, "p");
            Close(r.ConfidenceInterval, [17.167056993660523, 23.014193006339475], "ci");
            Close(r.Estimate, 20.090625, "estimate");
            Assert.That(r.Mu, Is.EqualTo(20));
        });
    }

    [Test]
    public void Welch_UnequalGroups_NumericGroupingColumn_MatchesR()
    {
        // R: t.test(mpg ~ am, data = mtcars)   (am is 0/1: 19 and 13 cars)
        var r = Run<TTestResult>(new TwoSampleTTestSpec("mpg", "am", null, false, 0.95), Load("mtcars.csv"));

        Assert.Multiple(() =>
        {
            Close(r.Statistic, -3.7671231451449252, "t");
            Close(r.Df, 18.332251638400461, "df");
            Close(r.PValue, 0.0013736383330710284, "p");
            Close(r.ConfidenceInterval, [-11.280194355040161, -3.2096841874699598], "ci");
            Close(r.Estimate, -7.2449392712550598, "estimate");
            Assert.That(r.Groups!.Select(g => (g.Name, g.N)), Is.EqualTo(new[] { ("0", 19), ("1", 13) }));
        });
    }

    [Test]
    public void Welch_GroupsGivenInOtherOrder_ComparesFirstMinusSecond()
    {
        // R: t.test(mtcars$mpg[mtcars$am == 1], mtcars$mpg[mtcars$am == 0])
        var r = Run<TTestResult>(new TwoSampleTTestSpec("mpg", "am", ["1", "0"], false, 0.95), Load("mtcars.csv"));

        Close(r.Statistic, 3.7671231451449252, "t");
        Close(r.Estimate, 7.2449392712550598, "estimate");
    }

    [Test]
    public void Welch_ThreeLevelColumnWithMissing_TwoGroupsPicked_MatchesR()
    {
        // R: d <- read.csv("generated.csv"); t.test(y ~ g, data = d[d$g %in% c("alpha", "gamma"), ])
        var r = Run<TTestResult>(new TwoSampleTTestSpec("y", "g", ["alpha", "gamma"], false, 0.95), Load("generated.csv"));

        Close(r.Statistic, 0.76939118915594751, "t");
        Close(r.Df, 14.803679881666087, "df");
        Close(r.PValue, 0.45376313675035584, "p");
    }

    [Test]
    public void OneSample_TwoRowsAt9999Percent_HasTheWideIntervalOfR()
    {
        // R: t.test(c(1, 3), conf.level = 0.9999)$conf.int  → -6364.198, 6368.198
        var data = new Analysis.Domain.Datasets.Dataset([new Analysis.Domain.Datasets.NumericColumn("a", [1, 3])]);

        var r = Run<TTestResult>(new OneSampleTTestSpec("a", 0, 0.9999), data);

        Close(r.ConfidenceInterval, [2 - 6366.1976713166368, 2 + 6366.1976713166368], "ci");
    }

    [Test]
    public void OneSample_ConstantColumn_IsAnErrorNotNumbers()
    {
        var error = RunError(new OneSampleTTestSpec("k", 0, 0.95), Load("generated.csv"));

        Assert.That(error.Error, Is.EqualTo("The data are essentially constant: the t statistic is undefined."));
    }

    [Test]
    public void Student_GroupWithOneRow_IsComputedAsR()
    {
        // R: t.test(c(1, 2, 3), 4, var.equal = TRUE)
        var data = new Analysis.Domain.Datasets.Dataset([
            new Analysis.Domain.Datasets.NumericColumn("y", [1, 2, 3, 4]),
            new Analysis.Domain.Datasets.CategoricalColumn("g", [0, 0, 0, 1], ["a", "b"]),
        ]);

        var r = Run<TTestResult>(new TwoSampleTTestSpec("y", "g", null, true, 0.95), data);

        Close(r.Statistic, -1.7320508075688774, "t");
        Assert.That(r.Df, Is.EqualTo(2));
        Close(r.PValue, 0.22540333075851657, "p");
        Assert.That(r.Warnings, Is.EqualTo(new[] { "Group 'b' has one value: its standard deviation is null." }));
    }

    [Test]
    public void TwoSample_GroupWithOneRow_IsAnError()
    {
        var data = new Analysis.Domain.Datasets.Dataset([
            new Analysis.Domain.Datasets.NumericColumn("y", [1, 2, 3, 4]),
            new Analysis.Domain.Datasets.CategoricalColumn("g", [0, 0, 0, 1], ["a", "b"]),
        ]);

        var error = RunError(new TwoSampleTTestSpec("y", "g", null, false, 0.95), data);

        Assert.That(error.Error, Is.EqualTo("Group 'b' has 1 value; a t-test needs at least 2."));
        Assert.That(error.N, Is.EqualTo(4));
    }
}
