using System.Diagnostics;
using System.Net;
using EventBooking.WebApi.IntegrationTests.Support;

namespace EventBooking.WebApi.IntegrationTests.Attacks;

/// <summary>Password guessing: throttled per account (and per client, see RateLimitingTests); failures do not leak which emails exist.</summary>
public sealed class BruteForceTests(DatabaseFixture database) : ApiTest(database)
{
    [Fact]
    public async Task Login_AfterFiveWrongPasswordsForOneAccount_ShouldLockItEvenForTheRightPassword()
    {
        await CreateUserWithPasswordHashAsync("victim@example.com", Passwords.KnownHash);
        for (var i = 0; i < 5; i++)
        {
            await AssertErrorAsync(await Login("victim@example.com", $"guess-{i}"), HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        }

        var locked = await Login("victim@example.com", Passwords.Known);

        var error = await AssertErrorAsync(locked, HttpStatusCode.TooManyRequests, "RATE_LIMITED");
        Assert.Equal("Too many failed login attempts for this account, please try again later", error.GetProperty("message").GetString());
        var retryAfter = int.Parse(locked.Headers.RetryAfter!.ToString(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 15 * 60);
    }

    [Fact]
    public async Task Login_WhenOneAccountIsLocked_ShouldStillLetOtherAccountsIn()
    {
        await CreateUserWithPasswordHashAsync("victim@example.com", Passwords.KnownHash);
        await CreateUserWithPasswordHashAsync("bystander@example.com", Passwords.KnownHash);
        for (var i = 0; i < 5; i++)
        {
            await Login("victim@example.com", $"guess-{i}");
        }

        await AssertSuccessAsync(await Login("bystander@example.com", Passwords.Known), HttpStatusCode.OK);
    }

    [Fact]
    public async Task Login_UnknownEmailAndWrongPassword_ShouldTakeTheSameTime()
    {
        // Distinct accounts and emails, so the per-account throttle never steps in.
        const int Samples = 6;
        for (var i = 0; i < Samples; i++)
        {
            await CreateUserWithPasswordHashAsync($"real{i}@example.com", Passwords.KnownHash);
        }

        await Login("warmup@example.com", "x");
        var wrongPassword = new List<double>();
        var unknownEmail = new List<double>();
        for (var i = 0; i < Samples; i++)
        {
            wrongPassword.Add(await TimeAsync(() => Login($"real{i}@example.com", "not-the-password")));
            unknownEmail.Add(await TimeAsync(() => Login($"ghost{i}@example.com", "not-the-password")));
        }

        var (known, unknown) = (Median(wrongPassword), Median(unknownEmail));
        // Both are one bcrypt verification (~0.2 s here); without the dummy hash the unknown email would take ~1 ms.
        Assert.True(
            Math.Abs(known - unknown) < 0.25 * Math.Max(known, unknown),
            $"median wrong password {known:0.0} ms vs unknown email {unknown:0.0} ms");
        Assert.True(unknown > 50, $"an unknown email answered in {unknown:0.0} ms: no hash was verified");
    }

    [Fact]
    public async Task Login_ShouldNotUseCookies()
    {
        await CreateUserWithPasswordHashAsync("cookie@example.com", Passwords.KnownHash);

        var response = await Login("cookie@example.com", Passwords.Known);

        await AssertSuccessAsync(response, HttpStatusCode.OK);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    private Task<HttpResponseMessage> Login(string email, string password) =>
        SendAsync(HttpMethod.Post, "/api/auth/login", json: new { email, password });

    private static async Task<double> TimeAsync(Func<Task<HttpResponseMessage>> call)
    {
        var clock = Stopwatch.StartNew();
        using var response = await call();
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        return clock.Elapsed.TotalMilliseconds;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
