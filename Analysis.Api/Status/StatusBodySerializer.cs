using System.Text.Json;
using Analysis.Api.Contracts;
using Analysis.Application.Abstractions;
using Analysis.Application.Sessions.Queries.GetSessionStatus;
using Microsoft.Extensions.Options;

namespace Analysis.Api.Status;

/// <summary>The status body on the wire: the <see cref="SessionStatusResponse"/> envelope with the API's JSON settings.</summary>
public sealed class StatusBodySerializer(IOptions<Microsoft.AspNetCore.Mvc.JsonOptions> json) : IStatusBodySerializer
{
    public byte[] Serialize(SessionStatusDto status)
    {
        ArgumentNullException.ThrowIfNull(status);
        return JsonSerializer.SerializeToUtf8Bytes(new SessionStatusResponse(status.Status, status.Summary), json.Value.JsonSerializerOptions);
    }
}
