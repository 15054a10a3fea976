using System.Security.Claims;

namespace Analysis.Api.Authentication;

/// <summary>The caller's owner, as the API-key handler put it in the principal.</summary>
public static class OwnerExtensions
{
    /// <summary>The authenticated caller's owner; endpoints that need one require authentication, so it is always there.</summary>
    public static string Owner(this ClaimsPrincipal user) =>
        user?.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name }
            ? name
            : throw new InvalidOperationException("An endpoint that needs an owner was reached without authentication.");
}
