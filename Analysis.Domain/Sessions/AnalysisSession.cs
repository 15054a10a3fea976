using Analysis.Domain.Analyses;
using Analysis.Domain.Common;
using Analysis.Domain.Sessions.Rules;

namespace Analysis.Domain.Sessions;

/// <summary>
/// The aggregate: one analysis request, its plan and where it stands. Every state change is a method
/// that checks the current status and increments <see cref="Version"/> (the ETag and concurrency token).
/// </summary>
public sealed class AnalysisSession
{
    public const int MaxNameLength = 200;

    /// <summary>Longest owner name (an API key's owner, from configuration).</summary>
    public const int MaxOwnerLength = 200;

    /// <summary>Runs that may be started for one session before it is failed (process deaths, faults).</summary>
    public const int MaxAttempts = 3;

    private readonly List<SessionChanged> _changes = [];

    private List<string>? _highlights;

    private AnalysisSession(
        Guid id, string owner, string? name, Guid datasetId, DatasetSchema dataset, IReadOnlyList<PlanEntry> plan, DateTimeOffset now)
    {
        Id = id;
        DatasetId = datasetId;
        Owner = owner;
        Name = name;
        Dataset = dataset;
        Plan = plan;
        Status = SessionStatus.Pending;
        CreatedAt = now;
        UpdatedAt = now;
        Version = 1;
        Raise();
    }

    // For EF Core materialisation.
    private AnalysisSession()
    {
        Owner = null!;
        Dataset = null!;
        Plan = null!;
    }

    public Guid Id { get; private set; }

    /// <summary>Whose session this is: the owner of the API key that created it. Nobody else may see it.</summary>
    public string Owner { get; private set; }

    public string? Name { get; private set; }

    public SessionStatus Status { get; private set; }

    /// <summary>
    /// The stored dataset the session runs on (<see cref="StoredDataset"/>), shared with the owner's other sessions on
    /// the same data; a session stored before datasets were a resource has one of its own, with the session's id.
    /// </summary>
    public Guid DatasetId { get; private set; }

    /// <summary>The dataset's schema as it was when the session was made (a copy: the dataset never changes).</summary>
    public DatasetSchema Dataset { get; private set; }

    /// <summary>
    /// The analyses to run, in order, as normalised plan entries (defaults filled in): what the session stores and
    /// shows. A worker builds each one's spec again through the analysis type registry.
    /// </summary>
    public IReadOnlyList<PlanEntry> Plan { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? StartedAt { get; private set; }

    public DateTimeOffset? CompletedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public int CompletedAnalyses { get; private set; }

    /// <summary>The type of the analysis being computed while running, else null.</summary>
    public string? CurrentAnalysis { get; private set; }

    public int AnalysesFailed { get; private set; }

    /// <summary>Why the whole session failed, for a person; null unless <see cref="SessionStatus.Failed"/>.</summary>
    public string? FailureReason { get; private set; }

    /// <summary>One line per analysis, set on completion.</summary>
    public IReadOnlyList<string>? Highlights => _highlights;

    public int Version { get; private set; }

    /// <summary>The worker that holds the session's lease while it runs (<c>{instance}/{life}:{loop}</c>), else null.</summary>
    public string? LeaseHolder { get; private set; }

    public DateTimeOffset? LeaseExpiresAt { get; private set; }

    public int Attempts { get; private set; }

    public SessionProgress Progress => new(CompletedAnalyses, Plan.Count);

    /// <summary>
    /// True while the session runs under the worker that holds its lease as <paramref name="holder"/>: a run that
    /// reads the session again checks this before it goes on (cancelled, deleted or taken over, it stops).
    /// </summary>
    public bool IsRunningUnder(string? holder) => Status == SessionStatus.Running && holder is not null && LeaseHolder == holder;

    /// <summary>The changes made since the last save, oldest first; the repository publishes them once it commits.</summary>
    public IReadOnlyList<SessionChanged> Changes => _changes;

    /// <summary>Forgets <see cref="Changes"/> (after they were published).</summary>
    public void ClearChanges() => _changes.Clear();

    /// <summary>
    /// When retention may erase the session: <paramref name="retention"/> after it ended. Null while it can still
    /// change, or when retention is off (null).
    /// </summary>
    public DateTimeOffset? ExpiresAt(TimeSpan? retention) => Status.IsTerminal() && retention is { } keep ? UpdatedAt + keep : null;

    /// <summary>
    /// A pending session of <paramref name="plan"/> on the dataset <paramref name="datasetId"/> (null: a dataset of its
    /// own, stored with it under the session's id).
    /// </summary>
    public static AnalysisSession Create(
        string owner, string? name, DatasetSchema dataset, IReadOnlyList<AnalysisSpec> plan, TimeProvider time, Guid? datasetId = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(owner);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(owner.Length, MaxOwnerLength, nameof(owner));
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(time);
        CheckRule(new PlanMustHoldOneToMaxAnalysesRule(plan.Count));
        if (name is not null && NameLength(name) > MaxNameLength)
        {
            throw new ArgumentException($"A name has at most {MaxNameLength} characters.", nameof(name));
        }

        var now = time.GetUtcNow();
        var id = Guid.CreateVersion7(now);
        return new AnalysisSession(id, owner, name, datasetId ?? id, dataset, [.. plan.Select(spec => spec.ToEntry())], now);
    }

    /// <summary>A name's length in characters (Unicode scalar values: an emoji is one, as in PostgreSQL's varchar).</summary>
    public static int NameLength(string name) => name.EnumerateRunes().Count();

    /// <summary>A worker claims the session: pending, or running with an expired lease (its process died).</summary>
    public void Start(string workerId, TimeSpan leaseDuration, TimeProvider time)
    {
        var now = time.GetUtcNow();
        CheckRule(new SessionCanOnlyStartWhenPendingOrLeaseExpiredRule(Status, LeaseExpiresAt, now));
        Status = SessionStatus.Running;
        StartedAt ??= now;
        LeaseHolder = workerId;
        LeaseExpiresAt = now + leaseDuration;
        Attempts++;
        CompletedAnalyses = 0;
        AnalysesFailed = 0;
        CurrentAnalysis = Plan[0].Type;
        Touch(now);
    }

    /// <summary>True when the lease has run out and no attempt is left: the claimer must fail it.</summary>
    public bool HasExhaustedAttempts => Attempts >= MaxAttempts;

    public void ReportProgress(int completedAnalyses, int analysesFailed, TimeProvider time)
    {
        CheckRule(new SessionMustBeRunningRule(Status, "report progress"));
        CheckRule(new ProgressMustStayWithinPlanRule(completedAnalyses, Plan.Count));
        CompletedAnalyses = completedAnalyses;
        AnalysesFailed = analysesFailed;
        CurrentAnalysis = completedAnalyses < Plan.Count ? Plan[completedAnalyses].Type : null;
        Touch(time.GetUtcNow());
    }

    public void Complete(IReadOnlyList<string> highlights, int analysesFailed, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(highlights);
        if (Status == SessionStatus.Completed)
        {
            return;
        }

        CheckRule(new SessionMustBeRunningRule(Status, "complete the session"));
        Status = SessionStatus.Completed;
        CompletedAnalyses = Plan.Count;
        AnalysesFailed = analysesFailed;
        _highlights = [.. highlights];
        End(time.GetUtcNow());
    }

    public void Fail(string reason, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        if (Status == SessionStatus.Failed)
        {
            return;
        }

        CheckRule(new SessionMustBeRunningRule(Status, "fail the session"));
        Status = SessionStatus.Failed;
        FailureReason = reason;
        End(time.GetUtcNow());
    }

    public void Cancel(TimeProvider time)
    {
        if (Status == SessionStatus.Cancelled)
        {
            return;
        }

        CheckRule(new TerminalSessionCannotBeCancelledRule(Status));
        Status = SessionStatus.Cancelled;
        End(time.GetUtcNow());
    }

    /// <summary>
    /// The worker gives the session up after a fault so that another attempt can claim it at once
    /// instead of waiting for the lease to run out. It stays running (the lifecycle has no way back).
    /// </summary>
    public void ReleaseLease(TimeProvider time)
    {
        CheckRule(new SessionMustBeRunningRule(Status, "release the lease"));
        var now = time.GetUtcNow();
        LeaseHolder = null;
        LeaseExpiresAt = now;
        Touch(now);
    }

    /// <summary>
    /// The worker's process is shutting down: the lease is given back and the attempt does not count, since
    /// nothing went wrong with the session itself. Another worker will start it again from the beginning.
    /// </summary>
    public void Interrupt(TimeProvider time)
    {
        ReleaseLease(time);
        Attempts = Math.Max(0, Attempts - 1);
    }

    private void End(DateTimeOffset now)
    {
        CompletedAt = now;
        CurrentAnalysis = null;
        LeaseHolder = null;
        LeaseExpiresAt = null;
        Touch(now);
    }

    private void Touch(DateTimeOffset now)
    {
        UpdatedAt = now;
        Version++;
        Raise();
    }

    private void Raise() => _changes.Add(new SessionChanged(
        Id, Owner, Version, Status, CompletedAnalyses, StartedAt,
        Claimable: Status == SessionStatus.Pending || (Status == SessionStatus.Running && LeaseHolder is null)));

    private static void CheckRule(IBusinessRule rule)
    {
        if (rule.IsBroken())
        {
            throw new BusinessRuleValidationException(rule);
        }
    }
}
