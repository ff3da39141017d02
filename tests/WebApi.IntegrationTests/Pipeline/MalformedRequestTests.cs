using System.Net;
using System.Text;
using EventBooking.WebApi.IntegrationTests.Support;
using static EventBooking.WebApi.IntegrationTests.Support.ApiAssertions;

namespace EventBooking.WebApi.IntegrationTests.Pipeline;

/// <summary>
/// Contract §1: whatever a client sends, the answer is the error envelope with the right status, never a
/// stack trace or driver text, and nothing is stored.
/// </summary>
public sealed class MalformedRequestTests(DatabaseFixture database) : ApiTest(database)
{
    private const string Register = "/api/auth/register";

    [Theory]
    [InlineData("""{"email":""")]
    [InlineData("""{"email":"a@example.com","name":"Ann","password":"password123""")]
    [InlineData("""{email:"a@example.com"}""")]
    [InlineData("not json at all")]
    public async Task Register_WhenTheBodyIsNotValidJson_ShouldAnswer400AndStoreNothing(string body)
    {
        var response = await SendTextAsync(HttpMethod.Post, Register, body);

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await AssertNoInternalsAsync(response);
        Assert.Equal(0, await CountUsersAsync());
    }

    [Theory]
    [InlineData("email", """{"email":123,"name":"Ann","password":"password123"}""")]
    [InlineData("name", """{"email":"a@example.com","name":{"first":"Ann"},"password":"password123"}""")]
    [InlineData("password", """{"email":"a@example.com","name":"Ann","password":["password123"]}""")]
    public async Task Register_WhenAFieldHasTheWrongJsonType_ShouldAnswer400NamingTheField(string field, string body)
    {
        var response = await SendTextAsync(HttpMethod.Post, Register, body);

        var error = await AssertErrorAsync(response, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.Equal([field], DetailFields(error));
        await AssertNoInternalsAsync(response);
        Assert.Equal(0, await CountUsersAsync());
    }

    [Fact]
    public async Task Register_WhenContentTypeIsTextPlain_ShouldAnswer415AndStoreNothing()
    {
        var response = await SendTextAsync(
            HttpMethod.Post, Register, """{"email":"a@example.com","name":"Ann","password":"password123"}""", "text/plain");

        await AssertErrorAsync(response, HttpStatusCode.UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE");
        await AssertNoInternalsAsync(response);
        Assert.Equal(0, await CountUsersAsync());
    }

    [Fact]
    public async Task Register_WhenThereIsNoBody_ShouldAnswer400()
    {
        var response = await SendAsync(HttpMethod.Post, Register);

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await AssertNoInternalsAsync(response);
        Assert.Equal(0, await CountUsersAsync());
    }

    [Theory]
    [InlineData("")]
    [InlineData("null")]
    public async Task Register_WhenTheJsonBodyIsEmptyOrNull_ShouldAnswer400(string body)
    {
        var response = await SendTextAsync(HttpMethod.Post, Register, body);

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await AssertNoInternalsAsync(response);
        Assert.Equal(0, await CountUsersAsync());
    }

    [Fact]
    public async Task Register_WhenTheBodyIsNestedDeeperThanAllowed_ShouldAnswer400AndStoreNothing()
    {
        // Valid fields, plus an extra property nested 100 levels deep that the server must not walk.
        var nested = string.Concat(Enumerable.Repeat("{\"a\":", 100)) + "1" + new string('}', 100);
        var body = $$"""{"email":"deep@example.com","name":"Deep","password":"password123","extra":{{nested}}}""";

        var response = await SendTextAsync(HttpMethod.Post, Register, body);

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await AssertNoInternalsAsync(response);
        Assert.Equal(0, await CountUsersAsync());
    }

    [Fact]
    public async Task Register_WhenTheBodyIs200Kilobytes_ShouldAnswer413AndStoreNothing()
    {
        var body = $$"""{"email":"big@example.com","name":"{{new string('n', 200 * 1024)}}","password":"password123"}""";

        var response = await SendTextAsync(HttpMethod.Post, Register, body);

        await AssertErrorAsync(response, HttpStatusCode.RequestEntityTooLarge, "PAYLOAD_TOO_LARGE");
        await AssertNoInternalsAsync(response);
        Assert.Equal(0, await CountUsersAsync());
    }

    [Fact]
    public async Task Register_WhenA200KilobyteBodyIsSentChunkedWithoutLength_ShouldAnswer413AndStoreNothing()
    {
        // Without a length only the server's body size limit can stop it, and the in-memory test server has
        // none: this one runs on real Kestrel, as in production.
        await using var kestrel = new EventBookingApiFactory(Database);
        kestrel.UseKestrel(0);
        using var client = kestrel.CreateClient();
        var body = $$"""{"email":"big@example.com","name":"Big","password":"password123","padding":"{{new string('p', 200 * 1024)}}"}""";
        using var request = Request(HttpMethod.Post, Register);
        request.Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(body)));
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.TransferEncodingChunked = true;

        var response = await client.SendAsync(request);

        await AssertErrorAsync(response, HttpStatusCode.RequestEntityTooLarge, "PAYLOAD_TOO_LARGE");
        await AssertNoInternalsAsync(response);
        Assert.Equal(0, await CountUsersAsync());
    }

    [Fact]
    public async Task Get_WhenTheRouteDoesNotExist_ShouldAnswer404InTheEnvelope()
    {
        var response = await SendAsync(HttpMethod.Get, "/api/nope");

        await AssertErrorAsync(response, HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Fact]
    public async Task Delete_WhenTheRouteExistsForAnotherMethod_ShouldAnswer405InTheEnvelope()
    {
        var response = await SendAsync(HttpMethod.Delete, "/api/auth/login");

        await AssertErrorAsync(response, HttpStatusCode.MethodNotAllowed, "METHOD_NOT_ALLOWED");
    }
}
