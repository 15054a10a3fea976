using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Analysis.Api.Errors;

/// <summary>
/// The API's error envelope for the errors that never reach <see cref="ApiExceptionHandler"/>: model-binding
/// failures (MVC answers them itself) and routing's bodiless 4xx/5xx.
/// </summary>
public static class ErrorEnvelopes
{
    /// <summary>Model binding failures (e.g. <c>?page=abc</c>) in the API's envelope, with camelCase paths.</summary>
    public static BadRequestObjectResult InvalidModelState(ActionContext context)
    {
        var errors = context.ModelState
            .Where(e => e.Value is { Errors.Count: > 0 })
            .ToDictionary(
                e => ValidationErrorsPath(e.Key),
                e => e.Value!.Errors.Select(x => string.IsNullOrEmpty(x.ErrorMessage) ? "Invalid value." : x.ErrorMessage).ToArray());
        var first = errors.First();
        return new BadRequestObjectResult(new ErrorResponse($"Invalid request: {first.Key}: {first.Value[0]}")
        {
            Errors = errors,
            TraceId = ApiExceptionHandler.TraceIdOf(context.HttpContext),
        });
    }

    private static string ValidationErrorsPath(string key) =>
        key.Length > 0 && char.IsUpper(key[0]) ? char.ToLowerInvariant(key[0]) + key[1..] : key;

    /// <summary>Bodiless 4xx/5xx from routing (unknown path, wrong method) get the envelope too.</summary>
    public static async Task WriteStatusCodeAsync(StatusCodeContext context)
    {
        var response = context.HttpContext.Response;
        var message = response.StatusCode switch
        {
            StatusCodes.Status404NotFound => "Not found",
            StatusCodes.Status405MethodNotAllowed => "Method not allowed",
            StatusCodes.Status415UnsupportedMediaType => "Unsupported media type: send multipart/form-data or application/json",
            >= 500 => "An unexpected error occurred",
            _ => ReasonPhrase(response.StatusCode),
        };
        await response.WriteAsJsonAsync(new ErrorResponse(message) { TraceId = ApiExceptionHandler.TraceIdOf(context.HttpContext) });
    }

    private static string ReasonPhrase(int statusCode) =>
        Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(statusCode) is { Length: > 0 } phrase ? phrase : "Error";
}
