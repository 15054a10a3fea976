namespace Analysis.Domain.Sessions;

public sealed record SessionPage(IReadOnlyList<AnalysisSession> Sessions, int Total);
