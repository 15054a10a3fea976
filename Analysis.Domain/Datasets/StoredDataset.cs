namespace Analysis.Domain.Datasets;

/// <summary>
/// A dataset stored once and analysed by any number of the owner's sessions: its schema and where it came from. Its
/// columns are stored beside it; it never changes after it is stored, only <see cref="LastUsedAt"/> moves.
/// </summary>
public sealed class StoredDataset
{
    public const int MaxNameLength = 200;

    /// <summary>The cells that mean missing when none are named: R's <c>read.csv</c> default and three more.</summary>
    public static readonly IReadOnlyList<string> DefaultNaStrings = ["", "NA", "NaN", "null"];

    private StoredDataset(
        Guid id, string owner, string? name, string format, DatasetSchema schema, long bytes, string? sha256,
        string? contentKey, IReadOnlyList<string> naStrings, bool kept, DateTimeOffset now)
    {
        Id = id;
        Owner = owner;
        Name = name;
        Format = format;
        Schema = schema;
        Bytes = bytes;
        Sha256 = sha256;
        ContentKey = contentKey;
        NaStrings = naStrings;
        Kept = kept;
        CreatedAt = now;
        LastUsedAt = now;
    }

    // For EF Core materialisation.
    private StoredDataset()
    {
        Owner = null!;
        Format = null!;
        Schema = null!;
        NaStrings = null!;
    }

    public Guid Id { get; private set; }

    /// <summary>Whose dataset this is: the owner of the key that stored it. Nobody else may see or use it.</summary>
    public string Owner { get; private set; }

    public string? Name { get; private set; }

    /// <summary><c>csv</c>, <c>xlsx</c> or <c>parquet</c>: what the uploaded file was.</summary>
    public string Format { get; private set; }

    public DatasetSchema Schema { get; private set; }

    /// <summary>What its stored columns take: what the owner's storage quota counts, once however many sessions use it.</summary>
    public long Bytes { get; private set; }

    /// <summary>The SHA-256 of the uploaded file's bytes (hex, lowercase); null for a dataset carried over from a session stored before datasets were kept.</summary>
    public string? Sha256 { get; private set; }

    /// <summary>
    /// The bytes and the options they were read with, as one hash: an upload with the same key is the same dataset
    /// (stored once per owner). Null where <see cref="Sha256"/> is.
    /// </summary>
    public string? ContentKey { get; private set; }

    /// <summary>The cells that were read as missing.</summary>
    public IReadOnlyList<string> NaStrings { get; private set; }

    /// <summary>
    /// True when it was stored through the datasets resource (kept until deleted or unused past retention); false when
    /// a session's inline upload made it (erased with its last session).
    /// </summary>
    public bool Kept { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>When it was stored, or last given to a new session.</summary>
    public DateTimeOffset LastUsedAt { get; private set; }

    public static StoredDataset Create(
        string owner, string? name, string format, DatasetSchema schema, long bytes, string? sha256, string? contentKey,
        IReadOnlyList<string> naStrings, bool kept, TimeProvider time, Guid? id = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(owner);
        ArgumentException.ThrowIfNullOrWhiteSpace(format);
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(naStrings);
        ArgumentNullException.ThrowIfNull(time);
        if (name is not null && name.EnumerateRunes().Count() > MaxNameLength)
        {
            throw new ArgumentException($"A name has at most {MaxNameLength} characters.", nameof(name));
        }

        var now = time.GetUtcNow();
        return new StoredDataset(id ?? Guid.CreateVersion7(now), owner, name, format, schema, bytes, sha256, contentKey, [.. naStrings], kept, now);
    }

    /// <summary>Records what its columns take once stored (set once, by the storage, before the dataset is written).</summary>
    public void RecordStoredBytes(long bytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        if (Bytes != 0 && Bytes != bytes)
        {
            throw new InvalidOperationException("A stored dataset's size does not change.");
        }

        Bytes = bytes;
    }

    /// <summary>When retention may erase it: <paramref name="retention"/> after its last use; null when retention is off.</summary>
    public DateTimeOffset? ExpiresAt(TimeSpan? retention) => retention is { } keep ? LastUsedAt + keep : null;
}
