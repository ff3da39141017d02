using MediatR;

namespace EventBooking.ArchitectureTests.Fixtures.PublicHandlers;

public sealed record ParcelShipped(string TrackingCode) : INotification;
