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
        var rows = Listwise.Of([.. predictors, dependent], data.RowCount);
        var n = rows.Count;
        var design = DesignMatrix.Build(predictors, rows);
        var p = design.Terms.Count + 1;
        if (n <= p)
        {
            throw new AnalysisNotComputableException($"{n} complete rows for {p} parameters: a logistic regression needs more rows than parameters.", n);
        }

        var y = Array.ConvertAll(rows.Select(outcome.Codes), c => (double)c); // level 0 → 0, the event (level 1) → 1
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
            fit = LogisticRegression.Fit([ones, .. design.Columns], y, cancellationToken);
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

        var coefficients = terms.Select((term, j) => new LogisticCoefficient(term, fit.Estimates[j], fit.StdErrors[j], fit.ZStatistics[j], fit.PValues[j])).ToList();
        return new LogisticResult(
            spec.Dependent, spec.Independents, outcome.Levels[1], n, coefficients, fit.Deviance, fit.NullDeviance, fit.DfResidual, fit.DfNull, fit.Aic, spec.Title)
        {
            Warnings = warnings.Count == 0 ? null : warnings,
        };
    }
}
