using Analysis.Application.Ports;
using Analysis.Domain.Datasets;
using Analysis.Infrastructure.Datasets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Analysis.Infrastructure.Persistence;

public sealed class DatasetStore(AnalysisDbContext db, ILogger<DatasetStore> logger) : IDatasetStore
{
    public async Task<Dataset?> LoadAsync(Guid sessionId, CancellationToken cancellationToken)
    {
        var bytes = await db.Datasets.AsNoTracking()
            .Where(d => d.SessionId == sessionId)
            .Select(d => d.Data)
            .FirstOrDefaultAsync(cancellationToken);
        if (bytes is null)
        {
            return null;
        }

        try
        {
            return DatasetBinaryFormat.Read(bytes);
        }
        catch (Exception ex) when (ex is InvalidDataException or ArgumentException or IndexOutOfRangeException)
        {
            logger.LogError(ex, "Stored dataset of session {SessionId} is unreadable", sessionId);
            return null;
        }
    }
}
