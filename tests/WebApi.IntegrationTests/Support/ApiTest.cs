using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;

namespace EventBooking.WebApi.IntegrationTests.Support;

/// <summary>Base class for HTTP tests: an empty database, a client of the in-memory API, and helpers.</summary>
[Collection(ApiCollection.Name)]
public abstract class ApiTest(DatabaseFixture database) : IAsyncLifetime
{
    /// <summary>A bcrypt hash that is not a hash of any password tests use: users made by SQL cannot log in by accident.</summary>
    private const string UnusablePasswordHash = "$2b$12$0000000000000000000000000000000000000000000000000000.";

    private EventBookingApiFactory? _factory;

    protected DatabaseFixture Database { get; } = database;

    protected HttpClient Client { get; private set; } = null!;

    protected EventBookingApiFactory Factory => _factory!;

    public virtual async Task InitializeAsync()
    {
        await Database.ResetAsync();
        _factory = CreateFactory();
        Client = _factory.CreateClient();
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
    }

    /// <summary>Override to start the API with extra configuration (e.g. rate limits on).</summary>
    protected virtual EventBookingApiFactory CreateFactory() => new(Database);

    /// <summary>Inserts a user directly (no bcrypt) and returns its id and a valid token for it.</summary>
    protected async Task<(int Id, string Token)> CreateUserAsync(string email, string role = "user", string name = "Test User")
    {
        await using var command = Database.DataSource.CreateCommand(
            "INSERT INTO users (email, name, password_hash, role) VALUES ($1, $2, $3, $4) RETURNING id");
        command.Parameters.Add(new NpgsqlParameter { Value = email });
        command.Parameters.Add(new NpgsqlParameter { Value = name });
        command.Parameters.Add(new NpgsqlParameter { Value = UnusablePasswordHash });
        command.Parameters.Add(new NpgsqlParameter { Value = role });
        var id = (int)(await command.ExecuteScalarAsync())!;
        return (id, TestTokens.Create(id, role, email, name));
    }

    /// <summary>Inserts a user with a real bcrypt hash (computed by the caller), for tests that log in.</summary>
    protected Task<int> CreateUserWithPasswordHashAsync(string email, string passwordHash, string role = "user", string name = "Test User") =>
        ScalarAsync<int>(
            "INSERT INTO users (email, name, password_hash, role) VALUES ($1, $2, $3, $4) RETURNING id",
            email, name, passwordHash, role);

    protected Task<long> CountUsersAsync() => ScalarAsync<long>("SELECT count(*) FROM users");

    /// <summary>Sends a body exactly as given (malformed JSON, another content type), bypassing serialisation.</summary>
    protected Task<HttpResponseMessage> SendTextAsync(
        HttpMethod method, string path, string body, string contentType = "application/json", string? token = null)
    {
        var request = Request(method, path, token);
        request.Content = new StringContent(body, System.Text.Encoding.UTF8, contentType);
        return Client.SendAsync(request);
    }

    protected async Task<T> ScalarAsync<T>(string sql, params object[] parameters)
    {
        await using var command = Database.DataSource.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return (T)(await command.ExecuteScalarAsync())!;
    }

    protected static HttpRequestMessage Request(HttpMethod method, string path, string? token = null, object? json = null)
    {
        var request = new HttpRequestMessage(method, new Uri(path, UriKind.RelativeOrAbsolute));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (json is not null)
        {
            request.Content = JsonContent.Create(json);
        }

        return request;
    }

    protected Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token = null, object? json = null) =>
        Client.SendAsync(Request(method, path, token, json));

    /// <summary>Reads the body as JSON, for asserting on fields by their wire names.</summary>
    protected static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    /// <summary>Asserts the contract's error envelope with this status and code, and returns its <c>error</c> object.</summary>
    protected static async Task<JsonElement> AssertErrorAsync(HttpResponseMessage response, System.Net.HttpStatusCode status, string code)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = await ReadJsonAsync(response);
        Assert.False(body.GetProperty("success").GetBoolean());
        var error = body.GetProperty("error");
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("traceId").GetString()));
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$", error.GetProperty("timestamp").GetString());
        return error;
    }

    /// <summary>Asserts the success envelope with this status and returns its <c>data</c>.</summary>
    protected static async Task<JsonElement> AssertSuccessAsync(HttpResponseMessage response, System.Net.HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {text}");
        using var document = JsonDocument.Parse(text);
        var body = document.RootElement.Clone();
        Assert.True(body.GetProperty("success").GetBoolean());
        return body.GetProperty("data");
    }
}
