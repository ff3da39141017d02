using MediatR;

namespace EventBooking.ArchitectureTests.Fixtures.PublicHandlers;

/// <summary>Planted violation: a public notification handler.</summary>
public sealed class ParcelShippedHandler : INotificationHandler<ParcelShipped>
{
    public Task Handle(ParcelShipped notification, CancellationToken cancellationToken) => Task.CompletedTask;
}
