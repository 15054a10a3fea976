using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Analysis.Infrastructure.Persistence.Configurations;

internal static class ValueComparers
{
    /// <summary>For values that never change once set (a plan, a schema): compared by reference, not by content.</summary>
    public static ValueComparer<T> ByReference<T>() =>
        new((a, b) => ReferenceEquals(a, b), v => v == null ? 0 : System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(v), v => v);
}
