namespace Analysis.Infrastructure.Persistence;

/// <summary>EF Core behind the reads of a caller's datasets (<see cref="StorageReads"/>: once more on a fresh connection).</summary>
public sealed class DatasetQueries(AnalysisDbContext db) : IDatasetQueries
{
    public Task<DatasetListing?> GetAsync(Guid id, string owner, CancellationToken cancellationToken) =>
        StorageReads.ReadAsync(() => db.Datasets.AsNoTracking()
            .Where(d => d.Id == id && d.Owner == owner)
            .Select(d => new DatasetListing(d, db.Sessions.Count(s => s.DatasetId == d.Id)))
            .FirstOrDefaultAsync(cancellationToken));

    public Task<(IReadOnlyList<DatasetListing> Datasets, int Total)> ListAsync(string owner, int page, int pageSize, CancellationToken cancellationToken) =>
        StorageReads.ReadAsync(async () =>
        {
            var query = db.Datasets.AsNoTracking().Where(d => d.Owner == owner);
            var total = await query.CountAsync(cancellationToken);
            var datasets = await query
                .OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id)
                .Skip((page - 1) * pageSize).Take(pageSize)
                .Select(d => new DatasetListing(d, db.Sessions.Count(s => s.DatasetId == d.Id)))
                .ToListAsync(cancellationToken);
            return ((IReadOnlyList<DatasetListing>)datasets, total);
        });
}
