namespace Analysis.Api.Status;

/// <summary>Marks the action whose memory-only answers <see cref="StatusFastPathMiddleware"/> may give.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class StatusFastPathAttribute : Attribute;
