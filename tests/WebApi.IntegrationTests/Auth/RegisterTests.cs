using System.Net;
using System.Text.Json;
using EventBooking.WebApi.IntegrationTests.Support;
using static EventBooking.WebApi.IntegrationTests.Support.ApiAssertions;

namespace EventBooking.WebApi.IntegrationTests.Auth;

/// <summary>Contract §3: POST /api/auth/register.</summary>
public sealed class RegisterTests(DatabaseFixture database) : ApiTest(database)
{
    private const string Path = "/api/auth/register";

    [Fact]
    public async Task Register_WhenBodyIsValid_ShouldAnswer201WithUserAndAWorkingToken()
    {
        var response = await SendAsync(HttpMethod.Post, Path, json: new { email = "new@example.com", name = "New User", password = "password123" });

        var data = await AssertSuccessAsync(response, HttpStatusCode.Created);
        var id = await ScalarAsync<int>("SELECT id FROM users WHERE email = 'new@example.com'");
        AssertAuthUser(data.GetProperty("user"), id, "new@example.com", "New User", "user");
        var token = data.GetProperty("token").GetString();
        Assert.False(string.IsNullOrWhiteSpace(token));

        var me = await AssertSuccessAsync(await SendAsync(HttpMethod.Get, "/api/auth/me", token), HttpStatusCode.OK);
        AssertAuthUser(me.GetProperty("user"), id, "new@example.com", "New User", "user");
    }

    [Fact]
    public async Task Register_WhenEmailHasCapitalsAndSpacesAndNameIsPadded_ShouldStoreThemTrimmedAndEmailLowerCase()
    {
        var response = await SendAsync(HttpMethod.Post, Path, json: new { email = " New@Example.COM ", name = "  Ann Lee  ", password = "password123" });

        var user = (await AssertSuccessAsync(response, HttpStatusCode.Created)).GetProperty("user");
        Assert.Equal("new@example.com", user.GetProperty("email").GetString());
        Assert.Equal("Ann Lee", user.GetProperty("name").GetString());
        Assert.Equal("new@example.com", await ScalarAsync<string>("SELECT email FROM users"));
        Assert.Equal("Ann Lee", await ScalarAsync<string>("SELECT name FROM users"));
    }

    [Fact]
    public async Task Register_WhenBodyAsksForAdminRole_ShouldIgnoreItAndCreateARegularUser()
    {
        var response = await SendAsync(
            HttpMethod.Post, Path, json: new { email = "sneaky@example.com", name = "Sneaky", password = "password123", role = "admin" });

        var data = await AssertSuccessAsync(response, HttpStatusCode.Created);
        Assert.Equal("user", data.GetProperty("user").GetProperty("role").GetString());
        Assert.Equal("user", await ScalarAsync<string>("SELECT role FROM users WHERE email = 'sneaky@example.com'"));
    }

    [Fact]
    public async Task Register_WhenValid_ShouldStoreABcrypt2b12HashOfThePasswordAndNeverThePasswordItself()
    {
        const string password = "correct horse battery";

        await SendAsync(HttpMethod.Post, Path, json: new { email = "hash@example.com", name = "Hash", password });

        var hash = await ScalarAsync<string>("SELECT password_hash FROM users WHERE email = 'hash@example.com'");
        Assert.StartsWith("$2b$12$", hash, StringComparison.Ordinal);
        Assert.DoesNotContain(password, hash, StringComparison.Ordinal);
        Assert.True(BCrypt.Net.BCrypt.Verify(password, hash));
    }

    [Theory]
    [MemberData(nameof(BoundaryValues))]
    public async Task Register_WhenFieldsAreAtTheirLimits_ShouldAnswer201(string name, string password)
    {
        var response = await SendAsync(HttpMethod.Post, Path, json: new { email = "edge@example.com", name, password });

        await AssertSuccessAsync(response, HttpStatusCode.Created);
        Assert.Equal(1, await CountUsersAsync());
    }

    public static TheoryData<string, string> BoundaryValues() => new()
    {
        { "Al", "password" },                          // name 2 chars, password 8 chars
        { new string('n', 255), "password123" },       // name 255 chars
        { "Max Bytes", new string('p', 72) },          // password of 72 ASCII bytes: all of it counts in bcrypt
    };

    [Theory]
    [InlineData("taken@example.com")]
    [InlineData("TAKEN@Example.com")]
    [InlineData("  taken@example.com  ")]
    public async Task Register_WhenEmailIsTakenEvenInAnotherCaseOrWithSpaces_ShouldAnswer409AndStoreNothing(string email)
    {
        await CreateUserAsync("taken@example.com");

        var response = await SendAsync(HttpMethod.Post, Path, json: new { email, name = "Second", password = "password123" });

        var error = await AssertErrorAsync(response, HttpStatusCode.Conflict, "CONFLICT");
        Assert.Equal("User with this email already exists", error.GetProperty("message").GetString());
        Assert.Equal(1, await CountUsersAsync());
    }

    [Fact]
    public async Task Register_WhenTheEmailIsStoredWithCapitalsByAnOlderWriter_ShouldStillAnswer409()
    {
        // A row as the old server (or another tool) may have written it: emails were not lower-cased there.
        await CreateUserAsync("Legacy@Example.COM");

        var response = await SendAsync(HttpMethod.Post, Path, json: new { email = "legacy@example.com", name = "Copy", password = "password123" });

        await AssertErrorAsync(response, HttpStatusCode.Conflict, "CONFLICT");
        Assert.Equal(1, await CountUsersAsync());
    }

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public async Task Register_WhenAFieldIsInvalid_ShouldAnswer400NamingThatFieldAndStoreNothing(string field, string body)
    {
        var response = await SendTextAsync(HttpMethod.Post, Path, body);

        var error = await AssertErrorAsync(response, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.Equal([field], DetailFields(error));
        Assert.Equal(0, await CountUsersAsync());
    }

    public static TheoryData<string, string> InvalidBodies()
    {
        const string email = "valid@example.com";
        const string name = "Valid Name";
        const string password = "password123";
        return new TheoryData<string, string>
        {
            { "email", Json(new { name, password }) },
            { "email", Json(new { email = "", name, password }) },
            { "email", Json(new { email = "not-an-email", name, password }) },
            { "email", Json(new { email = "two@@example.com", name, password }) },
            { "email", Json(new { email = new string('e', 244) + "@example.com", name, password }) }, // 256 characters
            { "name", Json(new { email, password }) },
            { "name", Json(new { email, name = "   ", password }) },
            { "name", Json(new { email, name = "A", password }) },
            { "name", Json(new { email, name = " A ", password }) },
            { "name", Json(new { email, name = new string('n', 256), password }) },
            { "password", Json(new { email, name }) },
            { "password", Json(new { email, name, password = "1234567" }) },
            { "password", Json(new { email, name, password = new string('p', 73) }) },
            // 25 characters but 75 UTF-8 bytes: bcrypt would silently ignore everything after byte 72.
            { "password", Json(new { email, name, password = string.Concat(Enumerable.Repeat("€", 25)) }) },
        };
    }

    [Fact]
    public async Task Register_WhenEveryFieldIsInvalid_ShouldNameEachFieldInDetails()
    {
        var response = await SendAsync(HttpMethod.Post, Path, json: new { email = "nope", name = "", password = "short" });

        var error = await AssertErrorAsync(response, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.Equal(["email", "name", "password"], DetailFields(error).Order(StringComparer.Ordinal));
        Assert.Equal(0, await CountUsersAsync());
    }

    [Fact]
    public async Task Register_WhenTheSameEmailIsRegisteredInParallel_ShouldCreateExactlyOneUserAndAnswer409ToTheRest()
    {
        string[] spellings = ["race@example.com", "RACE@example.com", "Race@Example.com", " race@example.com"];

        var responses = await Task.WhenAll(spellings.Select(email =>
            SendAsync(HttpMethod.Post, Path, json: new { email, name = "Racer", password = "password123" })));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        foreach (var response in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
        {
            var error = await AssertErrorAsync(response, HttpStatusCode.Conflict, "CONFLICT");
            Assert.Equal("User with this email already exists", error.GetProperty("message").GetString());
        }

        Assert.Equal(1, await ScalarAsync<long>("SELECT count(*) FROM users WHERE email = 'race@example.com'"));
        Assert.Equal(1, await CountUsersAsync());
    }

    private static string Json(object value) => JsonSerializer.Serialize(value);
}
