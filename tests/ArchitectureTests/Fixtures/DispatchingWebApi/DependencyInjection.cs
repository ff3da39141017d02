using EventBooking.ArchitectureTests.Fixtures.SeatLedgerPort;
using EventBooking.Domain.Events;
using Microsoft.Extensions.DependencyInjection;

namespace EventBooking.ArchitectureTests.Fixtures.DispatchingWebApi;

/// <summary>Control: the composition root names repositories and ports to register them.</summary>
internal static class DependencyInjection
{
    public static IServiceCollection AddPorts(this IServiceCollection services, IEventRepository events, ISeatLedger ledger) =>
        services.AddSingleton(events).AddSingleton(ledger);
}
