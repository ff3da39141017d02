using System.Net;
using EventBooking.WebApi.IntegrationTests.Support;

namespace EventBooking.WebApi.IntegrationTests.Tickets;

/// <summary>
/// Rotating the signing key (docs/adr/0017): the old key moves to <c>Tickets__VerificationKeys</c>, stays in the JWK Set,
/// and the tickets it signed still check in; once dropped, they do not.
/// </summary>
public sealed class TicketKeyRotationTests(DatabaseFixture database) : TicketApiTest(database)
{
    [Fact]
    public async Task TicketsOfARetiredKey_ShouldVerifyWhileItIsListed_AndNotOnceItIsDropped()
    {
        var door = await OpenDoorAsync();
        var second = await CreateUserAsync("second@example.com");
        var secondBooking = await BookViaApiAsync(second.Token, door.EventId);
        var oldTicket = await TicketTokenAsync(door.BookingId, door.Attendee.Token);
        var oldSecondTicket = await TicketTokenAsync(secondBooking, second.Token);
        var oldKid = Decode(oldTicket).Header.GetProperty("kid").GetString();
        var newKey = TestTickets.NewKey();

        await using (var rotated = new EventBookingApiFactory(Database, new Dictionary<string, string?>
        {
            ["Tickets:SigningKey"] = newKey,
            ["Tickets:VerificationKeys:0"] = TestTickets.PublicKeyOf(TestTickets.SigningKey),
        }))
        {
            using var client = rotated.CreateClient();
            var keys = (await ReadJsonAsync(await client.GetAsync(new Uri("/api/tickets/keys", UriKind.Relative)))).GetProperty("keys");
            var kids = keys.EnumerateArray().Select(k => k.GetProperty("kid").GetString()).ToList();
            Assert.Equal(2, kids.Count);
            Assert.Equal(oldKid, kids[1]); // the signing key first, then the retired one

            using var checkIn = Request(HttpMethod.Post, CheckInsPath(door.EventId), door.Organiser.Token, new { token = oldTicket });
            await AssertSuccessAsync(await client.SendAsync(checkIn), HttpStatusCode.OK);

            using var fresh = Request(HttpMethod.Get, TicketPath(secondBooking), second.Token);
            var newTicket = (await AssertSuccessAsync(await client.SendAsync(fresh), HttpStatusCode.OK)).GetProperty("token").GetString()!;
            Assert.Equal(kids[0], Decode(newTicket).Header.GetProperty("kid").GetString());
        }

        await using var dropped = new EventBookingApiFactory(Database, new Dictionary<string, string?> { ["Tickets:SigningKey"] = newKey });
        using var droppedClient = dropped.CreateClient();
        using var refused = Request(HttpMethod.Post, CheckInsPath(door.EventId), door.Organiser.Token, new { token = oldSecondTicket });
        await AssertErrorAsync(await droppedClient.SendAsync(refused), HttpStatusCode.BadRequest, "INVALID_TICKET");
        Assert.Equal(1, await CountCheckInsAsync());
    }
}
