using System.Diagnostics;
using EventBooking.Domain.Common;
using MediatR;
using Microsoft.Extensions.Logging;

namespace EventBooking.Application.Common.Behaviours;

/// <summary>
/// Logs every request's name, duration and outcome at Debug (the web layer writes the one Information line per HTTP
/// request). It never logs the request itself: commands carry passwords. Exceptions are logged once, by the web
/// layer's exception handler, not here.
/// </summary>
internal sealed partial class LoggingBehaviour<TRequest, TResponse>(ILogger<LoggingBehaviour<TRequest, TResponse>> logger)
    : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(
        TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var started = Stopwatch.GetTimestamp();
        var outcome = "exception";
        try
        {
            var response = await next();
            outcome = response is Result { Error: { } error } ? error.Code : "ok";
            return response;
        }
        finally
        {
            LogHandled(logger, typeof(TRequest).Name, outcome, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Request} -> {Outcome} in {ElapsedMs:0.0} ms")]
    private static partial void LogHandled(ILogger logger, string request, string outcome, double elapsedMs);
}
