using System.Net;
using EventBooking.WebApi.IntegrationTests.Support;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace EventBooking.WebApi.IntegrationTests.Attacks;

/// <summary>
/// Broken object-level authorization: a signed-in stranger (neither owner, creator nor admin) tries every
/// route that takes an id. Each must refuse with 403 and change nothing. The route list is read from the
/// app, so a new route with an id fails this test until it is added here.
/// </summary>
public sealed class ObjectLevelAuthorizationTests(DatabaseFixture database) : ApiTest(database)
{
    /// <summary>
    /// Routes with a parameter that anyone may call: public reads, the caller's own sockets, the API's documents, and
    /// the waiting list's self-service routes, which act only on the caller's own entry for the event (WaitlistTests).
    /// </summary>
    private static readonly HashSet<string> PublicIdRoutes =
    [
        "GET /api/events/{id}",
        "GET /api/events/{id}/image",
        "POST /api/events/{id}/waitlist",
        "DELETE /api/events/{id}/waitlist",
        "GET /api/events/{id}/waitlist/me",
        "POST /api/events/{id}/waitlist/accept",
        "GET /ws/events/{eventId:int:min(1)}",
        "GET /openapi/{documentName}.json",
        "GET /scalar/{documentName?}",
    ];

    private static readonly (string Method, string Route, object? Body)[] ProtectedIdRoutes =
    [
        ("PUT", "/api/events/{id}", new { name = "Hijacked", seatCapacity = 1 }),
        ("DELETE", "/api/events/{id}", null),
        ("GET", "/api/events/{id}/stats", null),
        ("GET", "/api/events/{id}/waitlist", null),
        ("GET", "/api/events/{id}/waitlist/history?userId={userId}", null),
        ("GET", "/api/bookings/admin/events/{id}", null),
        ("GET", "/api/bookings/admin/events/{id}/export", null),
        ("GET", "/api/bookings/{bookingId}", null),
        ("DELETE", "/api/bookings/{bookingId}", null),
        ("GET", "/api/bookings/{bookingId}/history", null),
        ("POST", "/api/bookings/{bookingId}/transfer", new { email = "stranger@example.com" }),
        ("GET", "/api/bookings/{bookingId}/ticket", null),
        ("GET", "/api/bookings/{bookingId}/ticket.png", null),
        ("GET", "/api/bookings/{bookingId}/ticket.svg", null),
        ("POST", "/api/events/{id}/check-ins", new { token = "not.a.ticket" }),
        ("DELETE", "/api/events/{id}/check-ins/{bookingId}", null),
        ("PUT", "/api/admin/users/{id}/role", new { role = "admin" }),
    ];

    [Fact]
    public void EveryRouteWithAnId_ShouldBeCoveredHereOrKnownPublic()
    {
        var routes = Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.Parameters.Count > 0)
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["*"])
                .Select(method => $"{method} {e.RoutePattern.RawText}"))
            .ToHashSet();

        var covered = ProtectedIdRoutes.Select(r => $"{r.Method} {r.Route.Split('?')[0]}").Concat(PublicIdRoutes).ToHashSet();

        Assert.Empty(routes.Except(covered));
    }

    [Fact]
    public async Task EveryProtectedRouteWithAnId_WhenAStrangerCallsIt_ShouldAnswer403AndChangeNothing()
    {
        var (owner, ownerToken) = await CreateUserAsync("owner@example.com", name: "Owner");
        var (_, strangerToken) = await CreateUserAsync("stranger@example.com", name: "Stranger");
        var eventId = await ScalarAsync<int>(
            "INSERT INTO events (name, event_date, seat_capacity, available_seats, created_by) VALUES ('Mine', timezone('utc', now()) + interval '7 days', 10, 10, $1) RETURNING id",
            owner);
        Assert.True(await ScalarAsync<bool>("SELECT create_booking($1, $2, 'BK-OWNED-000001')", owner, eventId));
        var before = await FingerprintAsync();

        foreach (var (method, route, body) in ProtectedIdRoutes)
        {
            var path = route.Replace("{bookingId}", "BK-OWNED-000001", StringComparison.Ordinal)
                .Replace("/api/admin/users/{id}", $"/api/admin/users/{owner}", StringComparison.Ordinal)
                .Replace("{userId}", owner.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
                .Replace("{id}", eventId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

            var response = await SendAsync(new HttpMethod(method), path, strangerToken, body);

            await AssertErrorAsync(response, HttpStatusCode.Forbidden, "FORBIDDEN");
        }

        Assert.Equal(before, await FingerprintAsync());
        // The owner still can: the refusals were about the caller, not the objects.
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Get, "/api/bookings/BK-OWNED-000001", ownerToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Get, $"/api/events/{eventId}/stats", ownerToken)).StatusCode);
    }

    private Task<string> FingerprintAsync() =>
        ScalarAsync<string>(
            """
            SELECT (SELECT md5(string_agg(t::text, ',' ORDER BY t::text)) FROM events t)
                || (SELECT md5(string_agg(t::text, ',' ORDER BY t::text)) FROM bookings t)
                || (SELECT md5(string_agg(t::text, ',' ORDER BY t::text)) FROM users t)
                || (SELECT count(*)::text FROM booking_logs)
                || (SELECT count(*)::text FROM check_ins)
            """);
}
