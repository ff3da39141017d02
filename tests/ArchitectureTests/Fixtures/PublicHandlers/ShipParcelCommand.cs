using MediatR;

namespace EventBooking.ArchitectureTests.Fixtures.PublicHandlers;

/// <summary>Requests are public: the web layer builds them. Their handlers and validators are not.</summary>
public sealed record ShipParcelCommand(string TrackingCode) : IRequest<Unit>;
