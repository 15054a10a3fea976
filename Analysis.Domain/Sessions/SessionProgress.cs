namespace Analysis.Domain.Sessions;

public readonly record struct SessionProgress(int Completed, int Total)
{
    /// <summary>Whole percent, rounded down so that 100 means every analysis has finished.</summary>
    public int Percent => Total == 0 ? 0 : (int)(100L * Completed / Total);
}
