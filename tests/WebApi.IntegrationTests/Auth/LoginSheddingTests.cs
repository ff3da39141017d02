using System.Net;
using EventBooking.Application.Common.Interfaces;
using EventBooking.WebApi.IntegrationTests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace EventBooking.WebApi.IntegrationTests.Auth;

/// <summary>
/// When the password hasher's queue is full a login is refused at the door: 503 with <c>Retry-After</c> in the envelope,
/// and neither the user lookup nor a hash is paid for it (build/chaos.sh scenario 3).
/// </summary>
public sealed class LoginSheddingTests(DatabaseFixture database) : ApiTest(database)
{
    private readonly FullHasher _hasher = new();
    private readonly CapturedLogs _logs = new();

    protected override EventBookingApiFactory CreateFactory() => new(Database, null, services =>
    {
        services.RemoveAll<IPasswordHasher>();
        services.AddSingleton<IPasswordHasher>(_hasher);
        services.AddSingleton<ILoggerProvider>(_logs);
    });

    [Fact]
    public async Task Login_WhenTheHasherIsFull_ShouldAnswer503WithRetryAfterAndHashNothing()
    {
        _hasher.Busy = true;

        var response = await SendAsync(HttpMethod.Post, "/api/auth/login", json: new { email = "ann@example.com", password = "password123" });

        await AssertErrorAsync(response, HttpStatusCode.ServiceUnavailable, "SERVICE_UNAVAILABLE");
        Assert.Equal("1", Assert.Single(response.Headers.GetValues("Retry-After")));
        Assert.Equal(0, _hasher.Verifications);
    }

    [Fact]
    public async Task Login_WhenManyAreRefused_ShouldLogTheRefusalsOncePerWindow()
    {
        _hasher.Busy = true;

        for (var i = 0; i < 5; i++)
        {
            var response = await SendAsync(HttpMethod.Post, "/api/auth/login", json: new { email = "ann@example.com", password = "password123" });
            await AssertErrorAsync(response, HttpStatusCode.ServiceUnavailable, "SERVICE_UNAVAILABLE");
        }

        // The filter is created for every request; a window kept in it logged every refusal (2,298 lines in chaos.sh).
        var line = Assert.Single(_logs.Lines, l => l.Text.StartsWith("Password hashing is saturated", StringComparison.Ordinal));
        Assert.Equal(LogLevel.Warning, line.Level);
    }

    [Fact]
    public async Task Login_WhenTheHasherHasRoom_ShouldBeJudgedAsUsual()
    {
        _hasher.Busy = false;

        var response = await SendAsync(HttpMethod.Post, "/api/auth/login", json: new { email = "ann@example.com", password = "password123" });

        await AssertErrorAsync(response, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        Assert.Equal(1, _hasher.Verifications);
    }

    private sealed class FullHasher : IPasswordHasher
    {
        private int _verifications;

        public bool Busy { get; set; }

        public int Verifications => Volatile.Read(ref _verifications);

        public bool IsBusy => Busy;

        public Task<string> HashAsync(string password, CancellationToken cancellationToken) => Task.FromResult("$2b$12$" + new string('x', 53));

        public Task<bool> VerifyAsync(string password, string? passwordHash, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _verifications);
            return Task.FromResult(false);
        }
    }
}
