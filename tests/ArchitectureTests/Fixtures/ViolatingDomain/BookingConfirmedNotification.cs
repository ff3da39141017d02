using MediatR;

namespace EventBooking.ArchitectureTests.Fixtures.ViolatingDomain;

/// <summary>Planted violation: a domain type that depends on an application package (MediatR).</summary>
internal sealed class BookingConfirmedNotification : INotification;
