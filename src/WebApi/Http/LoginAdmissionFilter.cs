using EventBooking.Application.Common.Interfaces;

namespace EventBooking.WebApi.Http;

/// <summary>
/// Answers a login 503 (<c>Retry-After: 1</c>) at once when the password hasher's queue is full, before the
/// command pipeline: during a login burst most logins are refused, and each refusal used to cost validation, the
/// pipeline, an exception and two log lines. On a 2-core machine that work competed with every other request
/// (build/chaos.sh scenario 3, docs/reliability.md). The handler still sheds a login that gets past this check
/// while the queue fills (<c>LoginCommandHandler</c>).
/// </summary>
internal sealed partial class LoginAdmissionFilter(
    IPasswordHasher hasher, LoginShedLog shedLog, TimeProvider clock, ILogger<LoginAdmissionFilter> logger, Application.Common.Telemetry.EventBookingMetrics metrics)
    : IEndpointFilter
{

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (!hasher.IsBusy)
        {
            return await next(context);
        }

        if (shedLog.Window.TryPass(out var skipped))
        {
            LogShed(logger, skipped + 1);
        }

        var http = context.HttpContext;
        http.Response.Headers.RetryAfter = "1";
        metrics.Login("busy");
        await ErrorResponses.WriteAsync(http, clock, StatusCodes.Status503ServiceUnavailable, ErrorCodes.ServiceUnavailable, "The server is busy, please retry shortly");
        return Results.Empty;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Password hashing is saturated: refused {Count} logins at the door since the last such line")]
    private static partial void LogShed(ILogger logger, int count);
}
