namespace Analysis.Application.Datasets;

/// <summary>
/// A dataset loaded for a run, with the share of the memory budget it holds; dispose it when the run is done
/// (ADR-0010: every dataset in memory is inside the budget).
/// </summary>
public sealed class LoadedDataset(Dataset dataset, IDisposable memory) : IDisposable
{
    private readonly List<IDisposable> _memory = [memory];

    public Dataset Dataset { get; } = dataset;

    /// <summary>Holds another share of the budget with the dataset (what the run will make of it), given back with it.</summary>
    public LoadedDataset With(IDisposable more)
    {
        _memory.Add(more);
        return this;
    }

    public void Dispose() => _memory.ForEach(m => m.Dispose());
}
