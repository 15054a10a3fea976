namespace Analysis.Application.Datasets;

/// <summary>
/// A dataset loaded for a run, with the share of the memory budget it holds; dispose it when the run is done
/// (ADR-0010: every dataset in memory is inside the budget).
/// </summary>
public sealed class LoadedDataset(Dataset dataset, IDisposable memory) : IDisposable
{
    public Dataset Dataset { get; } = dataset;

    public void Dispose() => memory.Dispose();
}
