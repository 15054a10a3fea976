namespace Analysis.Domain.Analyses.Logistic;

/// <summary>
/// R: <c>summary(glm(y ~ x1 + ..., family = binomial))</c> over the complete rows, categorical predictors by
/// treatment coding (<see cref="DesignMatrix"/>). The event is the dependent column's second level. Complete
/// separation is an error (the estimates do not exist); quasi-complete separation and a fit that did not converge
/// are warnings beside R's numbers; a term collinear with those before it is an error naming it.
/// </summary>
public static class LogisticAnalysis
{
    public static LogisticResult Run(LogisticSpec spec, Dataset data, CancellationToken cancellationToken)
    {
        var dependent = data.Find(spec.Dependent)!;
        var outcome = Grouping.Build(dependent)!;
        var predictors = spec.Independents.Select(name => data.Find(name)!).ToArray();
        var weightColumn = spec.Weights is { } named ? (NumericColumn)data.Find(named)! : null;
        var rows = Listwise.Of(weightColumn is null ? [.. predictors, dependent] : [.. predictors, dependent, weightColumn], data.RowCount);
        var design = DesignMatrix.Build(predictors, rows);
        var p = design.Terms.Count + 1;

        // Rows of weight 0 add nothing to glm's fit and, as in R, nothing to its degrees of freedom: they are left out.
        double[][] columns = [.. design.Columns, Array.ConvertAll(rows.Select(outcome.Codes), c => (double)c)]; // level 0 → 0, the event → 1
        var zeros = 0;
        var weights = weightColumn is null ? null : Weights.Positive(rows.Select(weightColumn), columns, out zeros, spec.Weights!);
        var y = columns[^1];
        var n = y.Length;
        if (n <= p)
        {
            throw new AnalysisNotComputableException($"{n} complete rows for {p} parameters: a logistic regression needs more rows than parameters.", n);
        }

        if (y.All(v => v == y[0]))
        {
            throw new AnalysisNotComputableException(
                $"Every complete row has '{spec.Dependent}' = {outcome.Levels[(int)y[0]]}: there is no other outcome to model.", n);
        }

        var ones = new double[n];
        Array.Fill(ones, 1.0);
        LogisticFit fit;
        try
        {
            fit = LogisticRegression.Fit([ones, .. columns[..^1]], y, weights, cancellationToken);
        }
        catch (InvalidOperationException e)
        {
            // Where R's glm.fit stops with an error (non-finite coefficients, no valid coefficients): this analysis's
            // error, as R reports it, not a failed session.
            throw new AnalysisNotComputableException($"The model cannot be fitted: {e.Message}", n);
        }

        string[] terms = ["(Intercept)", .. design.Terms];
        if (fit.Aliased.Length > 0)
        {
            throw new AnalysisNotComputableException(
                $"The design matrix is singular: term '{terms[fit.Aliased[0]]}' is a linear combination of the terms before it and the intercept.", n);
        }

        if (fit.Separation == Separation.Complete)
        {
            throw new AnalysisNotComputableException(
                $"The predictors separate the outcomes completely: a combination of them predicts '{spec.Dependent}' without error, so the " +
                "maximum-likelihood estimates do not exist (they grow without bound).", n);
        }

        var warnings = new List<string>();
        if (fit.Separation == Separation.Quasi)
        {
            warnings.Add("Quasi-complete separation: some rows' fitted probabilities are numerically 0 or 1, so some estimates and their " +
                "standard errors are very large and their tests unreliable (R's numbers, as glm gives them).");
        }

        if (!fit.Converged)
        {
            warnings.Add($"The fit did not converge in {fit.Iterations} iterations (as R's glm.fit warns): the numbers are those of the last iteration.");
        }

        if (zeros > 0)
        {
            warnings.Add($"{zeros} row{(zeros == 1 ? " has" : "s have")} weight 0 and drop{(zeros == 1 ? "s" : string.Empty)} out of the fit and its degrees of freedom (as in R).");
        }

        if (weights is not null && Array.Exists(weights, w => Math.Abs(w - Math.Round(w)) > 1e-3))
        {
            warnings.Add("Some weights are not whole numbers: the successes are not counts (R warns \"non-integer #successes in a binomial glm!\"); " +
                "the estimates are R's, and the AIC counts round(w) trials as R's does.");
        }

        var coefficients = terms.Select((term, j) => new LogisticCoefficient(term, fit.Estimates[j], fit.StdErrors[j], fit.ZStatistics[j], fit.PValues[j])).ToList();
        return new LogisticResult(
            spec.Dependent, spec.Independents, outcome.Levels[1], n, coefficients, fit.Deviance, fit.NullDeviance, fit.DfResidual, fit.DfNull, fit.Aic, spec.Title)
        {
            Weights = spec.Weights,
            Warnings = warnings.Count == 0 ? null : warnings,
        };
    }
}
