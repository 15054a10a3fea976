using System.Text;
using System.Text.Json;
using Analysis.Application.Datasets;
using Analysis.Application.Sessions.Commands.CreateSession;
using Analysis.Infrastructure.Datasets.Formats;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Analysis.Api.Uploads;

/// <summary>
/// Turns a create request — multipart/form-data (<c>dataset</c> or <c>datasetId</c>, <c>analyses</c>, <c>name</c>,
/// <c>naStrings</c>, <c>sheet</c>) or JSON
/// (<c>csv</c>, <c>analyses</c>, <c>name</c>) — into a <see cref="CreateSessionCommand"/>, streaming the body and
/// enforcing the size limits of docs/api.md as it goes. The caller disposes the command's dataset stream.
/// </summary>
public static class CreateSessionRequestReader
{
    private const int MaxTextPartBytes = 1024 * 1024;

    /// <param name="request">The create request.</param>
    /// <param name="owner">The caller's owner, whose session it will be.</param>
    /// <param name="limits">The size limits.</param>
    /// <param name="memory">The memory budget: what the body may hold in memory is reserved before it is read, for the request's lifetime.</param>
    /// <param name="cancellationToken">The request's abort token.</param>
    /// <param name="filePart">The multipart part that holds the file: <c>dataset</c> for a create or an inspect, <c>file</c> for a dataset upload.</param>
    /// <param name="rawBody">Whether the file may also come as the whole body, with its own media type (a dataset upload).</param>
    public static async Task<CreateSessionCommand> ReadAsync(
        HttpRequest request, string owner, AnalysisOptions limits, MemoryBudget memory, CancellationToken cancellationToken,
        string filePart = "dataset", bool rawBody = false)
    {
        if (request.ContentLength > limits.MaxRequestBytes)
        {
            throw new PayloadTooLargeException($"The request is larger than the limit of {limits.MaxRequestBytes} bytes.");
        }

        if (request.HttpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            sizeFeature.MaxRequestBodySize = limits.MaxRequestBytes;
        }

        if (MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType))
        {
            if (contentType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
            {
                return await ReadMultipartAsync(request, owner, contentType, limits, filePart, cancellationToken);
            }

            if (contentType.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase))
            {
                return await ReadJsonAsync(request, owner, limits, memory, cancellationToken);
            }

            if (rawBody && RawMediaTypes.Contains(contentType.MediaType.Value ?? string.Empty))
            {
                return await ReadRawAsync(request, owner, limits, cancellationToken);
            }
        }

        throw new UnsupportedMediaTypeException(rawBody
            ? "Send the dataset as multipart/form-data (parts file, name), as application/json (name, csv), or as the body itself " +
              "(text/csv, application/vnd.openxmlformats-officedocument.spreadsheetml.sheet, application/vnd.apache.parquet or application/octet-stream)."
            : "Send the session as multipart/form-data (parts dataset or datasetId, analyses, name) or as application/json (csv or datasetId, analyses, name).");
    }

    /// <summary>The media types a dataset upload may send as its whole body (the format is told from the content).</summary>
    public static readonly IReadOnlySet<string> RawMediaTypes = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/vnd.apache.parquet", "application/octet-stream",
    };

    private static async Task<CreateSessionCommand> ReadRawAsync(HttpRequest request, string owner, AnalysisOptions limits, CancellationToken cancellationToken)
    {
        var name = request.Query["name"] is { Count: > 0 } names ? names[^1] : null;
        Stream file;
        try
        {
            file = await CopyDatasetAsync(request.Body, "body", limits, request.ContentLength, cancellationToken);
        }
        catch (IOException ex) when (ex is not BadHttpRequestException && !cancellationToken.IsCancellationRequested && !StorageSpace.IsNoSpaceLeft(ex))
        {
            throw Invalid("body", "The request body is malformed or incomplete.");
        }

        return new CreateSessionCommand(owner, name, null, file, "body")
        {
            NaStrings = request.Query["naStrings"] is { Count: > 0 } naStrings ? [.. naStrings.Select(s => s ?? string.Empty)] : null,
            Sheet = request.Query["sheet"] is { Count: > 0 } sheets ? sheets[^1] : null,
        };
    }

    /// <summary>
    /// Buffers an uploaded file — a multipart part, or a whole raw body — checking as it goes that a CSV is UTF-8 (a
    /// 400 on <paramref name="field"/> naming the byte); a part that begins as an XLSX or Parquet file does is let
    /// through, and checked after all if it turns out to be neither.
    /// </summary>
    private static async Task<Stream> CopyDatasetAsync(Stream source, string field, AnalysisOptions limits, long? expectedBytes, CancellationToken cancellationToken)
    {
        var utf8 = new Utf8Validator(field) { BinaryFormatsExempt = true };
        var file = await UploadBuffer.CopyAsync(source, limits.MaxDatasetBytes, "dataset", cancellationToken, expectedBytes, utf8);
        try
        {
            if (utf8.Exempted && DatasetFormats.Detect(file) == DatasetFormat.Csv)
            {
                Utf8Validator.CheckAll(file, field);
            }

            return file;
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    private static async Task<CreateSessionCommand> ReadMultipartAsync(
        HttpRequest request, string owner, MediaTypeHeaderValue contentType, AnalysisOptions limits, string filePart, CancellationToken cancellationToken)
    {
        var boundary = HeaderUtilities.RemoveQuotes(contentType.Boundary).Value;
        if (string.IsNullOrEmpty(boundary))
        {
            throw Invalid("body", "The multipart/form-data content type has no boundary.");
        }

        // Each known part stops at its own limit (413 naming it); this one bounds the parts nobody reads.
        var reader = new MultipartReader(boundary, request.Body) { BodyLengthLimit = limits.MaxRequestBytes };
        string? name = null;
        JsonElement? analyses = null;
        Stream? dataset = null;
        string? datasetId = null;
        IReadOnlyList<string>? naStrings = null;
        string? sheet = null;
        try
        {
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) ||
                    !disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                var part = HeaderUtilities.RemoveQuotes(disposition.Name).Value;
                switch (part)
                {
                    case var _ when part == filePart:
                        OnlyOnce(dataset is not null, part);
                        dataset = await CopyDatasetAsync(section.Body, part, limits, request.ContentLength, cancellationToken);
                        break;
                    case "analyses":
                        OnlyOnce(analyses is not null, part);
                        analyses = ParsePlan(await ReadTextAsync(section.Body, part, cancellationToken));
                        break;
                    case "name":
                        OnlyOnce(name is not null, part);
                        name = await ReadTextAsync(section.Body, part, cancellationToken);
                        break;
                    case "datasetId" when filePart == "dataset":
                        OnlyOnce(datasetId is not null, part);
                        datasetId = await ReadTextAsync(section.Body, part, cancellationToken);
                        break;
                    case "naStrings":
                        OnlyOnce(naStrings is not null, part);
                        naStrings = ParseNaStrings(await ReadTextAsync(section.Body, part, cancellationToken));
                        break;
                    case "sheet":
                        OnlyOnce(sheet is not null, part);
                        sheet = await ReadTextAsync(section.Body, part, cancellationToken);
                        break;
                }
            }
        }
        catch (Exception ex)
        {
            if (dataset is not null)
            {
                await dataset.DisposeAsync();
            }

            throw ex switch
            {
                // Kestrel's own limit on the whole body (413) or a broken connection: the handler maps its status.
                BadHttpRequestException => ex,

                // A part other than the dataset (those stop at their own limits first) ran past the form's limit.
                InvalidDataException when ex.Message.StartsWith("Multipart body length limit", StringComparison.Ordinal) =>
                    new PayloadTooLargeException($"A part of the form is larger than the limit of {limits.MaxRequestBytes} bytes."),
                // No room in the temporary folder is the service's problem (503), not a malformed body.
                IOException io when StorageSpace.IsNoSpaceLeft(io) => UploadBuffer.NoRoom(io),
                IOException or InvalidDataException => Invalid("body", "The multipart/form-data body is malformed or incomplete."),
                _ => ex,
            };
        }

        return new CreateSessionCommand(owner, name, analyses, dataset, filePart)
        {
            DatasetId = DatasetReference.Parse(datasetId), NaStrings = naStrings, Sheet = sheet,
        };
    }

    private static void OnlyOnce(bool seen, string part)
    {
        if (seen)
        {
            throw Invalid(part, $"Send one '{part}' part.");
        }
    }

    private static async Task<CreateSessionCommand> ReadJsonAsync(
        HttpRequest request, string owner, AnalysisOptions limits, MemoryBudget memory, CancellationToken cancellationToken)
    {
        Stream body;
        try
        {
            body = await UploadBuffer.CopyAsync(
                request.Body, limits.MaxRequestBytes, "request", cancellationToken, request.ContentLength, new Utf8Validator("body"));
        }
        catch (IOException ex) when (ex is not BadHttpRequestException && !cancellationToken.IsCancellationRequested)
        {
            // (Kestrel's own limit on the body is a BadHttpRequestException with its status, 413: the handler maps it.)
            // A transport error mid-body (broken chunked framing, a connection cut short): what multipart says too.
            throw Invalid("body", "The request body is malformed or incomplete.");
        }

        await using (body)
        {
            // Parsed where it was buffered: a small body in memory, a large one in its temporary file, mapped into
            // memory rather than read back into the heap. The body is never copied; the CSV in it is decoded once.
            if (body is MemoryStream m)
            {
                return ParseJsonBody(m.GetBuffer().AsSpan(0, (int)m.Length), owner, limits);
            }

            // The mapped file's pages are resident while they are parsed: inside the budget for that time.
            using (await memory.ReserveAsync(body.Length, cancellationToken))
            {
                return MappedFile.Read((FileStream)body, bytes => ParseJsonBody(bytes, owner, limits));
            }
        }
    }

    /// <summary>Reads the JSON object with a reader so the CSV is unescaped once into bytes, never a UTF-16 string.</summary>
    private static CreateSessionCommand ParseJsonBody(ReadOnlySpan<byte> bytes, string owner, AnalysisOptions limits)
    {
        var errors = new ValidationErrors();
        string? name = null;
        JsonElement? analyses = null;
        Stream? csv = null;
        Guid? datasetId = null;
        IReadOnlyList<string>? naStrings = null;
        var field = "body";
        try
        {
            var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { MaxDepth = 64 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw Invalid("body", "The body must be a JSON object with \"csv\" and \"analyses\".");
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                field = "body";
                var property = reader.GetString()!;
                field = property;
                reader.Read();
                if (!seen.Add(property))
                {
                    errors.Add(property, $"The field '{property}' appears twice.");
                    reader.Skip();
                    continue;
                }

                switch (property)
                {
                    case "name" when reader.TokenType == JsonTokenType.String:
                        name = reader.GetString();
                        break;
                    case "name" when reader.TokenType == JsonTokenType.Null:
                        break;
                    case "name":
                        errors.Add("name", "Must be a string.");
                        reader.Skip();
                        break;
                    case "analyses":
                        analyses = JsonElement.ParseValue(ref reader);
                        break;
                    case "csv" when reader.TokenType == JsonTokenType.String:
                        csv = CopyCsv(ref reader, limits);
                        break;
                    case "csv" when reader.TokenType == JsonTokenType.Null:
                        break;
                    case "csv":
                        errors.Add("csv", "Must be a string holding the CSV text.");
                        reader.Skip();
                        break;
                    case "datasetId" when reader.TokenType == JsonTokenType.String:
                        datasetId = DatasetReference.Parse(reader.GetString());
                        break;
                    case "datasetId" when reader.TokenType == JsonTokenType.Null:
                        break;
                    case "datasetId":
                        errors.Add("datasetId", "Must be a string holding a dataset's id.");
                        reader.Skip();
                        break;
                    case "naStrings" when reader.TokenType == JsonTokenType.Null:
                        break;
                    case "naStrings":
                        using (var list = JsonDocument.ParseValue(ref reader))
                        {
                            naStrings = NaStringsOf(list.RootElement);
                        }

                        if (naStrings is null)
                        {
                            errors.Add("naStrings", NaStringsShape);
                        }

                        break;
                    default:
                        errors.Add(property, $"Unknown field '{property}'.");
                        reader.Skip();
                        break;
                }
            }

            if (reader.Read())
            {
                throw Invalid("body", "The body has more after its JSON object.");
            }
        }
        catch (JsonException ex)
        {
            csv?.Dispose();
            throw Invalid("body", $"The body is not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}).");
        }
        catch (InvalidOperationException)
        {
            // The bytes are UTF-8 (checked as they arrived), so this is an escape that decodes to no character.
            csv?.Dispose();
            throw Invalid(field, InvalidText.UnpairedSurrogate);
        }

        if (errors.Any)
        {
            csv?.Dispose();
            errors.ThrowIfAny();
        }

        return new CreateSessionCommand(owner, name, analyses, csv, "csv") { DatasetId = datasetId, NaStrings = naStrings };
    }

    /// <summary>The CSV field's text, decoded into a buffer of its own (memory when small, else a temporary file).</summary>
    private static Stream CopyCsv(ref Utf8JsonReader reader, AnalysisOptions limits)
    {
        // The whole body is one span, so the value is too (never a sequence).
        var escaped = reader.ValueSpan;
        var target = UploadBuffer.CreateTarget(escaped.Length);
        try
        {
            long length;
            if (reader.ValueIsEscaped)
            {
                length = JsonStringUnescaper.Unescape(escaped, target);
            }
            else
            {
                target.Write(escaped);
                length = escaped.Length;
            }

            if (length > limits.MaxDatasetBytes)
            {
                throw new PayloadTooLargeException($"The dataset is larger than the limit of {limits.MaxDatasetBytes} bytes.");
            }

            target.Position = 0;
            return target;
        }
        catch (IOException ex) when (StorageSpace.IsNoSpaceLeft(ex))
        {
            DisposeQuietly(target);
            throw UploadBuffer.NoRoom(ex);
        }
        catch
        {
            target.Dispose();
            throw;
        }
    }

    private static void DisposeQuietly(Stream stream)
    {
        try
        {
            stream.Dispose();
        }
        catch (IOException)
        {
            // A full disk again, flushing bytes that are thrown away: the file is closed and deleted all the same.
        }
    }

    private const string NaStringsShape = "Must be a JSON array of strings, such as [\"\", \"NA\", \"-99\"].";

    /// <summary>The <c>naStrings</c> part: a JSON array of strings (a 400 naming the part otherwise).</summary>
    private static List<string> ParseNaStrings(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 4 });
            return NaStringsOf(document.RootElement) ?? throw Invalid("naStrings", NaStringsShape);
        }
        catch (JsonException)
        {
            throw Invalid("naStrings", NaStringsShape);
        }
    }

    private static List<string>? NaStringsOf(JsonElement list) =>
        list.ValueKind == JsonValueKind.Array && list.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String)
            ? [.. list.EnumerateArray().Select(e => e.GetString()!)]
            : null;

    private static JsonElement ParsePlan(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 64 });
            return document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw Invalid("analyses", $"Not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}).");
        }
    }

    private static async Task<string> ReadTextAsync(Stream section, string part, CancellationToken cancellationToken)
    {
        await using var buffer = await UploadBuffer.CopyAsync(
            section, MaxTextPartBytes, $"'{part}' part", cancellationToken, utf8: new Utf8Validator(part));
        using var reader = new StreamReader(buffer, Encoding.UTF8);
        return await reader.ReadToEndAsync(cancellationToken);
    }

    private static async Task<byte[]> ReadAllAsync(Stream stream, CancellationToken cancellationToken)
    {
        var bytes = new byte[stream.Length];
        await stream.ReadExactlyAsync(bytes, cancellationToken);
        return bytes;
    }

    private static RequestValidationException Invalid(string path, string message) =>
        new(new Dictionary<string, string[]> { [path] = [message] });
}
