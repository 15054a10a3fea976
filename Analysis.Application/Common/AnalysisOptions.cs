namespace Analysis.Application.Common;

/// <summary>The <c>Analysis</c> configuration section (docs/operations.md).</summary>
public sealed class AnalysisOptions
{
    public const string SectionName = "Analysis";

    /// <summary>Largest accepted CSV in bytes; the whole request may be 1 MiB more. Larger → 413.</summary>
    public long MaxDatasetBytes { get; set; } = 100L * 1024 * 1024;

    public int MaxRows { get; set; } = 5_000_000;

    public int MaxColumns { get; set; } = 1000;

    /// <summary>Largest accepted dataset in cells (rows × columns): 400 MB of doubles at most. Larger → 400.</summary>
    public long MaxCells { get; set; } = 50_000_000;

    /// <summary>Memory that request bodies and parsed datasets may take at once, all requests together (ADR-0010).</summary>
    public long MemoryBudgetBytes { get; set; } = 256L << 20;

    /// <summary>How long a request waits for room in the memory budget before it is refused with 503.</summary>
    public int MemoryWaitSeconds { get; set; } = 60;

    /// <summary>False: this process runs no sessions, it only serves HTTP (an API-only node).</summary>
    public bool WorkerEnabled { get; set; } = true;

    /// <summary>Sessions run at once by this process; 0 means the processor count.</summary>
    public int WorkerConcurrency { get; set; }

    /// <summary>Terminal sessions older than this many days are erased; 0 keeps them forever.</summary>
    public int RetentionDays { get; set; } = 30;

    /// <summary>How long a claim holds without renewal; a dead worker's session is claimed again after it.</summary>
    public int LeaseSeconds { get; set; } = 30;

    /// <summary>
    /// On shutdown, how long running sessions may go on to finish before they are handed back (not counted as an
    /// attempt) for another worker to run from the start.
    /// </summary>
    public int ShutdownGraceSeconds { get; set; } = 20;

    /// <summary>
    /// The setting's first name, still read (a newer <see cref="ClaimIntervalMilliseconds"/> wins): "poll" now
    /// means only a client's status poll.
    /// </summary>
    public int PollIntervalMilliseconds
    {
        get => ClaimIntervalMilliseconds;
        set => ClaimIntervalMilliseconds = value;
    }

    /// <summary>How often an idle worker looks for a session to claim without being told of one.</summary>
    public int ClaimIntervalMilliseconds { get; set; } = 2000;

    /// <summary>
    /// Bytes of just-stored datasets kept in memory for this process's workers, so a session created and run
    /// here is not read back from the database; 0 turns the hand-off off.
    /// </summary>
    public long DatasetHandoffBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>
    /// Bytes of decoded columns of stored datasets this process keeps, so that the next session on the same dataset
    /// copies them from memory instead of reading them from the database again; inside the memory budget, given back
    /// whenever anyone waits for memory; 0 turns the cache off.
    /// </summary>
    public long ColumnCacheBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>
    /// The work an r×c Fisher test may take (network algorithm units: about 1e7 a second, under 40 bytes each, so the
    /// default is about 0.2 s and 80 MB at most); past it the analysis carries an error that suggests chisquare.
    /// </summary>
    public long FisherMaxWork { get; set; } = Domain.Analyses.EngineLimits.DefaultFisherMaxWork;

    /// <summary>
    /// The most a session's results may take, all its analyses together, as the JSON the results endpoint writes. A
    /// plan whose results could take more is refused at create (400); a run holds its results about three times over
    /// while it saves them, inside the memory budget, so this is at most a third of it. 0 (the default): 64 MiB, or a
    /// quarter of the memory budget when that is less.
    /// </summary>
    public long MaxResultBytes { get; set; }

    /// <summary>What <see cref="MaxResultBytes"/> comes to.</summary>
    public long EffectiveMaxResultBytes => MaxResultBytes > 0 ? MaxResultBytes : Math.Min(64L << 20, MemoryBudgetBytes / 4);

    /// <summary>
    /// The most work one analysis may take (<see cref="Domain.Analyses.AnalysisCost"/>: about a nanosecond of one core a
    /// unit, so the default is about a minute); a plan with an analysis that could take more is refused at create (400).
    /// </summary>
    public double MaxWorkPerAnalysis { get; set; } = 6e10;

    /// <summary>The longest a session's run may take before it is stopped and failed, saying why.</summary>
    public int MaxRunSeconds { get; set; } = 900;

    /// <summary>
    /// The free space below which the database's disk (SQLite) or the temporary folder's is nearly full: /health/ready
    /// says so (503), and creates are refused (503 with Retry-After) while the database's is, keeping the rest for
    /// deletes and running sessions' results. 0: not checked.
    /// </summary>
    public long MinFreeDiskBytes { get; set; } = 64L << 20;

    /// <summary>How long terminal sessions are kept; null when retention is off.</summary>
    public TimeSpan? Retention => RetentionDays > 0 ? TimeSpan.FromDays(RetentionDays) : null;

    public int EffectiveWorkerConcurrency => WorkerConcurrency > 0 ? WorkerConcurrency : Environment.ProcessorCount;

    /// <summary>The whole-request limit: the dataset plus room for the plan and the form's framing.</summary>
    public long MaxRequestBytes => MaxDatasetBytes + (1024 * 1024);

    /// <summary>The problems with these settings, for validation at start; empty when they are usable.</summary>
    public IEnumerable<string> Problems()
    {
        if (MaxDatasetBytes <= 0 || MaxRows <= 0 || MaxColumns <= 0 || MaxCells <= 0)
        {
            yield return "Analysis:MaxDatasetBytes, MaxRows, MaxColumns and MaxCells must be positive.";
        }

        if (MemoryBudgetBytes < 64L << 20 || MemoryWaitSeconds is < 0 or > 300)
        {
            yield return "Analysis:MemoryBudgetBytes must be at least 64 MiB and Analysis:MemoryWaitSeconds from 0 to 300.";
        }

        if (WorkerConcurrency < 0)
        {
            yield return "Analysis:WorkerConcurrency must be 0 (the processor count) or more.";
        }

        if (RetentionDays < 0)
        {
            yield return "Analysis:RetentionDays must be 0 (keep forever) or more.";
        }

        if (LeaseSeconds < 3)
        {
            yield return "Analysis:LeaseSeconds must be at least 3.";
        }

        if (FisherMaxWork < 10_000)
        {
            yield return "Analysis:FisherMaxWork must be at least 10000.";
        }

        if (ClaimIntervalMilliseconds < 10)
        {
            yield return "Analysis:ClaimIntervalMilliseconds must be at least 10.";
        }

        if (ShutdownGraceSeconds is < 0 or > 3600)
        {
            yield return "Analysis:ShutdownGraceSeconds must be from 0 to 3600.";
        }

        if (ColumnCacheBytes < 0)
        {
            yield return "Analysis:ColumnCacheBytes must be 0 (off) or more.";
        }

        if (DatasetHandoffBytes < 0)
        {
            yield return "Analysis:DatasetHandoffBytes must be 0 (off) or more.";
        }

        if (MaxResultBytes != 0 && (MaxResultBytes < 1 << 20 || MaxResultBytes > MemoryBudgetBytes / 3))
        {
            yield return "Analysis:MaxResultBytes must be 0 (the default), or from 1 MiB to a third of Analysis:MemoryBudgetBytes.";
        }

        if (MaxWorkPerAnalysis < 1e6 || MaxRunSeconds < 1)
        {
            yield return "Analysis:MaxWorkPerAnalysis must be at least 1e6 and Analysis:MaxRunSeconds at least 1.";
        }

        if (MinFreeDiskBytes < 0)
        {
            yield return "Analysis:MinFreeDiskBytes must be 0 (not checked) or more.";
        }
    }
}
