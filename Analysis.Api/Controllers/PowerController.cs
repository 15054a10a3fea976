using System.Text.Json;
using Analysis.Application.Power;
using Microsoft.AspNetCore.Mvc;

namespace Analysis.Api.Controllers;

/// <summary>Power and sample size before a study: no dataset, answered at once (docs/api.md, "Power and sample size").</summary>
[Route("api/power")]
[Produces("application/json")]
public sealed class PowerController : ApiControllerBase
{
    /// <summary>The largest body a calculation reads: a few numbers and words.</summary>
    private const int MaxBodyBytes = 16 * 1024;

    /// <summary>
    /// Solve for the one quantity left out, as R's <c>power.t.test</c> (<c>"test": "t"</c>), <c>power.prop.test</c>
    /// (<c>"proportion"</c>) or <c>power.anova.test</c> (<c>"anova"</c>) would.
    /// </summary>
    [HttpPost]
    [ProducesResponseType<PowerResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status400BadRequest)]
    public async Task<IActionResult> Calculate(CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var read = new byte[4096];
        int count;
        while ((count = await Request.Body.ReadAsync(read, cancellationToken)) > 0)
        {
            if (buffer.Length + count > MaxBodyBytes)
            {
                return BadRequest(new ErrorResponse($"The body is larger than a power calculation needs ({MaxBodyBytes / 1024} KB at most)."));
            }

            buffer.Write(read, 0, count);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(buffer.ToArray());
        }
        catch (JsonException)
        {
            return BadRequest(new ErrorResponse("The body is not valid JSON: send {\"test\": \"t\" | \"proportion\" | \"anova\", ...}."));
        }

        using (document)
        {
            return Ok(new PowerResponse(PowerService.Calculate(document.RootElement)));
        }
    }
}
