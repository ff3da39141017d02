using EventBooking.Application.Bookings;
using EventBooking.Domain.Events;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace EventBooking.ArchitectureTests.Fixtures.EndpointsUsingPorts.Endpoints;

/// <summary>
/// Planted violation: an endpoint that loads the aggregate and calls the stored function itself instead of
/// sending a command. The ledger appears only inside the async body, which the compiler moves to a nested
/// state machine.
/// </summary>
internal static class OrderEndpoints
{
    public static async Task<IResult> Book(int eventId, IEventRepository events, HttpContext context, CancellationToken cancellationToken)
    {
        if (await events.GetSnapshotAsync(eventId, cancellationToken) is null)
        {
            return Results.NotFound();
        }

        var ledger = context.RequestServices.GetRequiredService<ISeatLedger>();
        var confirmed = await ledger.ConfirmAsync(new Domain.Bookings.BookingRequest(eventId, 1, DateTime.UtcNow), cancellationToken);
        return Results.Ok(confirmed.IsSuccess);
    }
}
