using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Analysis.Api.Controllers;

/// <summary>
/// What every <c>/api</c> controller is: an API controller behind an API key, whose every action may also answer 401
/// (no key, or an unknown one), 500 (the envelope with a traceId only) and 503 (a busy or unreachable database, or a
/// stopping process; Retry-After says when to try again).
/// </summary>
[ApiController]
[Authorize]
[ProducesResponseType<ErrorResponse>(StatusCodes.Status401Unauthorized)]
[ProducesResponseType<ErrorResponse>(StatusCodes.Status500InternalServerError)]
[ProducesResponseType<ErrorResponse>(StatusCodes.Status503ServiceUnavailable)]
public abstract class ApiControllerBase : ControllerBase;
