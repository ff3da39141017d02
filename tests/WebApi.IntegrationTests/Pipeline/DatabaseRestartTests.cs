using System.Net;
using EventBooking.Infrastructure.Realtime;
using EventBooking.TestSupport;
using EventBooking.WebApi.IntegrationTests.Realtime;
using EventBooking.WebApi.IntegrationTests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace EventBooking.WebApi.IntegrationTests.Pipeline;

/// <summary>
/// After PostgreSQL restarts, every idle pooled connection is dead but Npgsql only finds out on use:
/// without help, the first request on each instance answers 503. The seat-change listener notices the
/// restart first and clears the pool. (build/chaos.sh scenario 2 does this with a real stop/start.)
/// </summary>
public sealed class DatabaseRestartTests(DatabaseFixture database) : ApiTest(database)
{
    [Fact]
    public async Task AfterEveryServerConnectionIsDropped_TheNextRequestsShouldSucceed()
    {
        await RealtimeSocket.WaitForListenerAsync(Factory);
        var eventId = await ScalarAsync<int>(
            "INSERT INTO events (name, event_date, seat_capacity, available_seats) VALUES ('Hot', timezone('utc', now()) + interval '1 day', 50, 50) RETURNING id");
        // Several connections idle in the API's pool.
        var warm = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Client.GetAsync(new Uri($"/api/events/{eventId}", UriKind.Relative))));
        Assert.All(warm, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var pooledBefore = await ScalarAsync<long>(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()");
        Assert.True(pooledBefore >= 2, $"expected idle API connections, found {pooledBefore}");

        // What a restart does to the API's connections: every server process goes away.
        await ScalarAsync<long>(
            """
            SELECT count(*) FROM (
                SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                WHERE datname = current_database() AND pid <> pg_backend_pid()) AS t
            """);
        Database.DataSource.Clear(); // the test's own pool lost its idle connections too
        var listener = Factory.Services.GetRequiredService<PostgresSeatChangeListener>();
        await Eventually.WaitUntilAsync(
            () => !listener.IsListening, "the listener did not notice its connection was dropped", TimeSpan.FromSeconds(10));

        for (var i = 0; i < 6; i++)
        {
            using var response = await Client.GetAsync(new Uri($"/api/events/{eventId}", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }
}
