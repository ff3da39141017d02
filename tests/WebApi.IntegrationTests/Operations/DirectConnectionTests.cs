using System.Net;
using System.Net.Sockets;
using EventBooking.Infrastructure.Persistence;
using EventBooking.Infrastructure.Realtime;
using EventBooking.WebApi.IntegrationTests.Support;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace EventBooking.WebApi.IntegrationTests.Operations;

/// <summary>
/// Behind PgBouncer in transaction mode (docs/deployment.md), <c>ConnectionStrings__Direct</c> takes the two session-bound
/// connections (the seat-change LISTEN and the instance lease) while requests keep using <c>ConnectionStrings__Default</c>.
/// Here Direct names a port nothing listens on: requests are served, the listener and the lease never connect.
/// </summary>
public sealed class DirectConnectionTests(DatabaseFixture database) : BookingApiTest(database)
{
    protected override EventBookingApiFactory CreateFactory() => new(Database, new Dictionary<string, string?>
    {
        ["ConnectionStrings:Direct"] = new NpgsqlConnectionStringBuilder(Database.ConnectionString) { Port = ClosedPort() }.ConnectionString,
    });

    [Fact]
    public async Task TheListenerAndTheLease_ShouldUseTheDirectConnection_AndRequestsTheDefaultOne()
    {
        var eventId = await InsertBookingEventAsync();

        var answer = await Client.GetAsync(new Uri($"/api/events/{eventId}", UriKind.Relative));
        await Task.Delay(TimeSpan.FromSeconds(1));

        await AssertSuccessAsync(answer, HttpStatusCode.OK);
        Assert.False(Factory.Services.GetRequiredService<PostgresSeatChangeListener>().IsListening);
        Assert.Null(Factory.Services.GetRequiredService<InstanceLease>().HeldId);
    }

    private static int ClosedPort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
