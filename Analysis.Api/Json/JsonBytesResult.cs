using Microsoft.AspNetCore.Mvc;

namespace Analysis.Api.Json;

/// <summary>A 200 whose JSON body is already serialized (e.g. a cached status body).</summary>
public sealed class JsonBytesResult(byte[] json) : IActionResult
{
    public Task ExecuteResultAsync(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var response = context.HttpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = json.Length;
        return response.Body.WriteAsync(json, context.HttpContext.RequestAborted).AsTask();
    }
}
