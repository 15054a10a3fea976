namespace Analysis.Domain.Statistics;

/// <summary>
/// A binomial GLM with the logit link as R's <c>glm(y ~ ..., family = binomial)</c> and <c>summary.glm</c> report it.
/// Arrays are indexed like the design's columns; an aliased column has NaN in all four of them.
/// </summary>
/// <param name="Estimates">Coefficients (R: <c>coef(fit)</c>, NaN where R gives NA).</param>
/// <param name="StdErrors">Standard errors with dispersion 1 (R: <c>coef(summary(fit))[, "Std. Error"]</c>).</param>
/// <param name="ZStatistics">Estimate / standard error (R: <c>"z value"</c>).</param>
/// <param name="PValues">2·P(Z ≤ −|z|) (R: <c>"Pr(&gt;|z|)"</c>).</param>
/// <param name="Deviance">Residual deviance (R: <c>fit$deviance</c>).</param>
/// <param name="NullDeviance">Deviance of the intercept-only model, or of μ = ½ without an intercept (R: <c>fit$null.deviance</c>).</param>
/// <param name="DfResidual">n − rank (R: <c>fit$df.residual</c>).</param>
/// <param name="DfNull">n − 1 with an intercept, n without (R: <c>fit$df.null</c>).</param>
/// <param name="Aic">Deviance + 2·rank for 0/1 data (R: <c>fit$aic</c>).</param>
/// <param name="Iterations">IRLS iterations (R: <c>fit$iter</c>).</param>
/// <param name="Converged">False when the 25 iterations ran out (R: <c>fit$converged</c>, "glm.fit: algorithm did not converge").</param>
/// <param name="Separation">Whether the data are separated; see <see cref="Statistics.Separation"/>.</param>
/// <param name="Aliased">Indices of the columns R reports as NA (collinear with earlier columns), ascending.</param>
public sealed record LogisticFit(
    double[] Estimates,
    double[] StdErrors,
    double[] ZStatistics,
    double[] PValues,
    double Deviance,
    double NullDeviance,
    int DfResidual,
    int DfNull,
    double Aic,
    int Iterations,
    bool Converged,
    Separation Separation,
    int[] Aliased);
