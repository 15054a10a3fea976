using System.Reflection;

namespace Analysis.Application.Common;

/// <summary>
/// The service's version: its assembly's informational version, which the .NET SDK ends with the commit it was built
/// from (<c>1.0.0+3f2c…</c>). Reported by <c>/health/live</c>, a session's R script and its report.
/// </summary>
public static class ServiceVersion
{
    public static string Current { get; } =
        typeof(ServiceVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(ServiceVersion).Assembly.GetName().Version?.ToString()
        ?? "unknown";
}
