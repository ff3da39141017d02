using System.Net;
using EventBooking.WebApi.IntegrationTests.Support;
using static EventBooking.WebApi.IntegrationTests.Support.ApiAssertions;

namespace EventBooking.WebApi.IntegrationTests.Bookings;

/// <summary>
/// Contract §1 and §5: whatever a client puts where the bookingId goes (view, cancel, history), the answer is
/// "not found" or a validation error in the envelope, never a 500 and never driver text.
/// </summary>
public sealed class BookingIdLookupTests(DatabaseFixture database) : BookingApiTest(database)
{
    public static TheoryData<string, string> OddIds()
    {
        var data = new TheoryData<string, string>();
        // No %00: Kestrel (and TestServer) refuse a NUL in the path before the application sees it.
        string[] ids = ["BK-SEED-", "-", new string('X', 51), new string('X', 500), "BK-SEED-001\u00e9", "%", "BK-SEED-001'--", "BK-SEED-001;DROP TABLE bookings"];
        foreach (var method in new[] { "GET", "DELETE", "HISTORY" })
        {
            foreach (var id in ids)
            {
                data.Add(method, id);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(OddIds))]
    public async Task Lookup_WhenTheIdIsOdd_ShouldAnswer404Or400AndNever500(string method, string bookingId)
    {
        var (userId, token) = await CreateUserAsync("admin@example.com", "admin");
        var eventId = await InsertBookingEventAsync(seats: 10);
        Assert.True(await SeedBookingAsync(userId, eventId, "BK-SEED-001"));

        var response = method switch
        {
            "GET" => await SendAsync(HttpMethod.Get, BookingPath(bookingId), token),
            "DELETE" => await SendAsync(HttpMethod.Delete, BookingPath(bookingId), token),
            _ => await SendAsync(HttpMethod.Get, BookingHistoryPath(bookingId), token),
        };

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(
            response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest,
            $"{method} {BookingPath(bookingId)}: expected 404 or 400, got {(int)response.StatusCode}: {body}");
        await AssertErrorAsync(response, response.StatusCode, response.StatusCode == HttpStatusCode.NotFound ? "NOT_FOUND" : "VALIDATION_ERROR");
        await AssertNoInternalsAsync(response);
        Assert.Equal("confirmed", await BookingStatusAsync("BK-SEED-001"));
        Assert.Equal(9, await BookingAvailableSeatsAsync(eventId));
    }
}
