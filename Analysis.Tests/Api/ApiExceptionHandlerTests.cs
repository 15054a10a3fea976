using Analysis.Api.Errors;
using Analysis.Application.Common;
using Microsoft.Extensions.Time.Testing;
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
    private static async Task<(int Status, string? RetryAfter, JsonNode Body)> HandleAsync(Exception exception, StorageSpace? space = null)
    {
        var handler = new ApiExceptionHandler(NullLogger<ApiExceptionHandler>.Instance,
            Options.Create(new Microsoft.AspNetCore.Http.Json.JsonOptions()), space ?? NewStorageSpace());
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

    private static StorageSpace NewStorageSpace(TimeProvider? time = null) =>
        new([], Options.Create(new AnalysisOptions()), time ?? TimeProvider.System, NullLogger<StorageSpace>.Instance);

    [TestCase(StorageArea.Database, "the disk of its database has no room left")]
    [TestCase(StorageArea.TemporaryFolder, "its temporary folder, where uploads wait, has no room left")]
    public async Task StorageFull_Is503WithRetryAfterAndSaysSo_AndReadinessHearsOfIt(StorageArea area, string which)
    {
        var space = NewStorageSpace(new FakeTimeProvider(DateTimeOffset.UtcNow));
        var cause = new Microsoft.Data.Sqlite.SqliteException("database or disk is full", 13);

        var (status, retryAfter, body) = await HandleAsync(new StorageFullException(area, cause), space);

        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(StatusCodes.Status503ServiceUnavailable));
            Assert.That(retryAfter, Is.EqualTo("60"));
            Assert.That(body["success"]!.GetValue<bool>(), Is.False);
            Assert.That(body["error"]!.GetValue<string>(), Does.StartWith("The service's storage is full: ").And.Contain(which)
                .And.Contain("Try again later"));
            Assert.That(body.ToJsonString(), Does.Not.Contain("database or disk is full"), "no exception text");
            Assert.That(space.Problems(), Has.Exactly(1).Contains("the disk is full"), "readiness is told");
        });
    }

    [Test]
    public async Task AnEnospcNoReaderTranslated_IsTheTemporaryFoldersFullDisk_NotA500()
    {
        var (status, retryAfter, body) = await HandleAsync(new IOException("No space left on device : '/tmp/x'", 28));

        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(StatusCodes.Status503ServiceUnavailable));
            Assert.That(retryAfter, Is.EqualTo("60"));
            Assert.That(body["error"]!.GetValue<string>(), Is.EqualTo(StorageFullException.MessageFor(StorageArea.TemporaryFolder)));
        });
    }
}
