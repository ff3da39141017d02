using System.Diagnostics;
using EventBooking.Application.Common.Telemetry;
using EventBooking.Domain.Common;
using MediatR;

namespace EventBooking.Application.Common.Behaviours;

/// <summary>
/// One span per command or query, named after it, with its outcome (<c>ok</c> or the error code). Costs nothing when no
/// tracer listens (<see cref="ActivitySource.StartActivity(string, ActivityKind)"/> returns null), which is the default.
/// </summary>
internal sealed class TracingBehaviour<TRequest, TResponse> : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        using var activity = EventBookingTracing.Source.StartActivity(typeof(TRequest).Name);
        if (activity is null)
        {
            return await next();
        }

        try
        {
            var response = await next();
            activity.SetTag(EventBookingMetrics.Outcome, response is Result { Error: { } error } ? error.Code : "ok");
            return response;
        }
        catch (Exception ex)
        {
            activity.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            throw;
        }
    }
}
