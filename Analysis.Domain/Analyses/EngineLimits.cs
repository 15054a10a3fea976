namespace Analysis.Domain.Analyses;

/// <summary>
/// Bounds on work the engine does for a single analysis, so that no input makes it run on for hours:
/// <see cref="FisherMaxWork"/> bounds the network algorithm of an r×c Fisher test (a unit is an edge enumerated or a
/// past probability kept: about 1e7 a second, under 40 bytes each); past it the analysis carries an error that
/// suggests the chi-square test.
/// </summary>
public sealed record EngineLimits(long FisherMaxWork)
{
    public const long DefaultFisherMaxWork = 2_000_000;

    public static EngineLimits Default { get; } = new(DefaultFisherMaxWork);
}
