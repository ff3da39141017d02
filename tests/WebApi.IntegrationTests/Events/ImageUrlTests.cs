using System.Net;
using EventBooking.WebApi.IntegrationTests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using static EventBooking.WebApi.IntegrationTests.Support.ApiAssertions;

namespace EventBooking.WebApi.IntegrationTests.Events;

/// <summary>
/// Issue 16: <c>imageUrl</c> is absolute, so a browser client served from another origin that puts it straight into
/// <c>&lt;img src&gt;</c> asks the API for the image, not its own host. It comes from <c>Api__PublicBaseUrl</c> when set,
/// else from the request's scheme and host, forwarded ones only from a configured proxy. The database keeps the path.
/// </summary>
public sealed class ImageUrlTests(DatabaseFixture database) : EventApiTest(database)
{
    private const string ClientPage = "http://localhost:8080/events/index.html";

    [Fact]
    public async Task ImageUrl_ResolvedByABrowserPageOnAnotherOrigin_ShouldStillPointAtTheApi()
    {
        var id = await CreateEventWithImageAsync(Client);

        var request = Request(HttpMethod.Get, EventPath(id));
        request.Headers.Add("Origin", "http://localhost:8080");
        var imageUrl = (await AssertSuccessAsync(await Client.SendAsync(request), HttpStatusCode.OK)).GetProperty("imageUrl").GetString()!;

        // What <img src="{imageUrl}"> on the client's page asks for.
        var fetched = new Uri(new Uri(ClientPage), imageUrl);
        Assert.Equal("localhost", fetched.Host);
        Assert.Equal(80, fetched.Port);
        Assert.Equal($"/api/events/{id}/image", fetched.AbsolutePath);
        var image = await Client.GetAsync(fetched);
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal(TestImages.Png(), await image.Content.ReadAsByteArrayAsync());
        Assert.Equal(fetched.PathAndQuery, await ScalarAsync<string>("SELECT image_url FROM events WHERE id = $1", id));
    }

    [Fact]
    public async Task ImageUrl_InEveryEventAnswer_ShouldBeAbsolute()
    {
        var id = await CreateEventWithImageAsync(Client);

        var listed = (await AssertSuccessAsync(await SendAsync(HttpMethod.Get, Events), HttpStatusCode.OK)).GetProperty("events")[0];
        var single = await AssertSuccessAsync(await SendAsync(HttpMethod.Get, EventPath(id)), HttpStatusCode.OK);

        Assert.StartsWith($"http://localhost/api/events/{id}/image?v=", listed.GetProperty("imageUrl").GetString(), StringComparison.Ordinal);
        Assert.Equal(listed.GetProperty("imageUrl").GetString(), single.GetProperty("imageUrl").GetString());
    }

    [Fact]
    public async Task ImageUrl_WithAPublicBaseUrl_ShouldBeUnderIt()
    {
        await using var factory = new EventBookingApiFactory(Database, new Dictionary<string, string?> { ["Api:PublicBaseUrl"] = "https://api.example.com/booking/" });
        using var client = factory.CreateClient();

        var id = await CreateEventWithImageAsync(client);
        var imageUrl = (await AssertSuccessAsync(await client.SendAsync(Request(HttpMethod.Get, EventPath(id))), HttpStatusCode.OK))
            .GetProperty("imageUrl").GetString()!;

        Assert.Matches($"^https://api\\.example\\.com/booking/api/events/{id}/image\\?v=[0-9a-zA-Z_-]+$", imageUrl);
    }

    [Fact]
    public async Task ImageUrl_BehindAConfiguredProxy_ShouldCarryTheSchemeAndHostTheClientUsed()
    {
        await using var factory = BehindProxy(knownProxies: "10.1.2.3");
        using var client = factory.CreateClient();

        var imageUrl = await ImageUrlThroughProxyAsync(client);

        Assert.StartsWith("https://events.example.org/api/events/", imageUrl, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImageUrl_WhenForwardedHeadersComeFromAnUnknownAddress_ShouldIgnoreThem()
    {
        await using var factory = BehindProxy(knownProxies: "10.9.9.9");
        using var client = factory.CreateClient();

        var imageUrl = await ImageUrlThroughProxyAsync(client);

        Assert.StartsWith("http://localhost/api/events/", imageUrl, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImageUrl_CachedForOneHost_ShouldNotBeServedToAnother()
    {
        await using var factory = new EventBookingApiFactory(Database, new Dictionary<string, string?> { ["Caching:EventReadSeconds"] = "30" });
        using var client = factory.CreateClient();
        var id = await CreateEventWithImageAsync(client);

        var first = Request(HttpMethod.Get, EventPath(id));
        first.Headers.Host = "a.example";
        var second = Request(HttpMethod.Get, EventPath(id));
        second.Headers.Host = "b.example";

        Assert.StartsWith("http://a.example/", (await AssertSuccessAsync(await client.SendAsync(first), HttpStatusCode.OK)).GetProperty("imageUrl").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("http://b.example/", (await AssertSuccessAsync(await client.SendAsync(second), HttpStatusCode.OK)).GetProperty("imageUrl").GetString(), StringComparison.Ordinal);
    }

    private async Task<string> ImageUrlThroughProxyAsync(HttpClient client)
    {
        var id = await CreateEventWithImageAsync(client);
        var request = Request(HttpMethod.Get, EventPath(id));
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-Host", "events.example.org");
        request.Headers.Add("X-Forwarded-For", "203.0.113.9");
        return (await AssertSuccessAsync(await client.SendAsync(request), HttpStatusCode.OK)).GetProperty("imageUrl").GetString()!;
    }

    private async Task<int> CreateEventWithImageAsync(HttpClient client)
    {
        var (_, adminToken) = await CreateUserAsync($"admin{Guid.NewGuid():N}@example.com", "admin");
        var request = Request(HttpMethod.Post, Events, adminToken);
        request.Content = WithImage(Form(ValidFormFields()), TestImages.Png());
        return (await AssertSuccessAsync(await client.SendAsync(request), HttpStatusCode.Created)).GetProperty("id").GetInt32();
    }

    private EventBookingApiFactory BehindProxy(string knownProxies) => new(
        Database,
        new Dictionary<string, string?> { ["ForwardedHeaders:KnownProxies"] = knownProxies },
        services => services.AddSingleton<IStartupFilter>(new ConnectionFromAddress(IPAddress.Parse("10.1.2.3"))));
}
