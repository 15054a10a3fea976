using Analysis.Api.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Analysis.Tests.Api;

/// <summary>
/// Database faults the provider calls transient (a connection dropped in a failover, a server restarting) are
/// 503 with Retry-After, however EF wraps them; any other database fault stays a 500 without its text.
/// </summary>
public sealed class ApiExceptionHandlerTests
{
    private static async Task<(int Status, string? RetryAfter, JsonNode Body)> HandleAsync(Exception exception)
    {
        var handler = new ApiExceptionHandler(NullLogger<ApiExceptionHandler>.Instance,
            Options.Create(new Microsoft.AspNetCore.Http.Json.JsonOptions()));
        var context = new DefaultHttpContext();
        context.Response.Body = new MemoryStream();

        Assert.That(await handler.TryHandleAsync(context, exception, CancellationToken.None), Is.True);

        context.Response.Body.Position = 0;
        var body = JsonNode.Parse(context.Response.Body)!;
        return (context.Response.StatusCode, context.Response.Headers.RetryAfter.FirstOrDefault(), body);
    }

    [Test]
    public async Task DroppedConnection_AsEfWrapsIt_Is503WithRetryAfter()
    {
        // What EF Core's execution strategy throws when a pooled connection's server process was terminated.
        var dropped = new InvalidOperationException("An exception has been raised that is likely due to a transient failure.",
            new NpgsqlException("Exception while reading from stream", new IOException("Connection reset by peer")));

        var (status, retryAfter, body) = await HandleAsync(dropped);

        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(StatusCodes.Status503ServiceUnavailable));
            Assert.That(retryAfter, Is.EqualTo("2"));
            Assert.That(body["success"]!.GetValue<bool>(), Is.False);
            Assert.That(body["error"]!.GetValue<string>(), Is.EqualTo("The database cannot be reached at the moment; try again shortly."));
            Assert.That(body.ToJsonString(), Does.Not.Contain("stream").And.Not.Contain("reset"));
        });
    }

    [Test]
    public async Task DatabaseFault_ThatIsNotTransient_StaysA500WithoutItsText()
    {
        var (status, retryAfter, body) = await HandleAsync(new NpgsqlException("syntax error at or near \"SELEC\""));

        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(StatusCodes.Status500InternalServerError));
            Assert.That(retryAfter, Is.Null);
            Assert.That(body["error"]!.GetValue<string>(), Is.EqualTo("An unexpected error occurred"));
            Assert.That(body.ToJsonString(), Does.Not.Contain("SELEC"));
        });
    }
}
