using MediatR;

namespace EventBooking.ArchitectureTests.Fixtures.PublicHandlers;

internal sealed record TrackParcelQuery(string TrackingCode) : IRequest<string>;
