using EventBooking.ArchitectureTests.Fixtures.SeatLedgerPort;
using EventBooking.ArchitectureTests.Fixtures.SeatWrites.Seats;
using Microsoft.Extensions.DependencyInjection;

namespace EventBooking.ArchitectureTests.Fixtures.SeatWrites;

/// <summary>Control: the composition root registers the concrete ledger behind its port.</summary>
internal static class DependencyInjection
{
    public static IServiceCollection AddSeats(this IServiceCollection services) =>
        services.AddSingleton<ISeatLedger>(_ => new PostgresSeatLedger((_, _) => Task.FromResult(true)));
}
