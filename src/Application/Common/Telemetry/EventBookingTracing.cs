using System.Diagnostics;

namespace EventBooking.Application.Common.Telemetry;

/// <summary>The activity source of the MediatR pipeline: one span per command or query (<see cref="Behaviours.TracingBehaviour{TRequest, TResponse}"/>).</summary>
public static class EventBookingTracing
{
    public const string SourceName = "EventBooking.Application";

    public static readonly ActivitySource Source = new(SourceName);
}
