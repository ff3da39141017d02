using EventBooking.WebApi.IntegrationTests.Support;

namespace EventBooking.WebApi.IntegrationTests.Hosting;

/// <summary>A misconfigured API refuses to start, with exit code 2 and a message saying what to fix.</summary>
[Collection(ApiCollection.Name)]
public sealed class StartupConfigurationTests(DatabaseFixture database)
{
    [Fact]
    public async Task Start_OutsideDevelopmentWithoutASigningKey_ShouldRefuseToStart()
    {
        var (exitCode, error) = await RunAsync(
            "--environment=Production",
            $"--ConnectionStrings:Default={database.ConnectionString}");

        Assert.Equal(2, exitCode);
        Assert.Contains("Jwt__SigningKey is not set", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_WithAShortSigningKey_ShouldRefuseToStart()
    {
        var (exitCode, error) = await RunAsync(
            "--environment=Production",
            $"--ConnectionStrings:Default={database.ConnectionString}",
            "--Jwt:SigningKey=too-short");

        Assert.Equal(2, exitCode);
        Assert.Contains("at least 32 bytes", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_WithAMalformedCorsOrigin_ShouldRefuseToStart()
    {
        var (exitCode, error) = await RunAsync(
            $"--ConnectionStrings:Default={database.ConnectionString}",
            $"--Jwt:SigningKey={TestTokens.SigningKey}",
            "--Cors:AllowedOrigins=http://ok.example, not a url");

        Assert.Equal(2, exitCode);
        Assert.Contains("Cors__AllowedOrigins", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_WithoutAConnectionString_ShouldRefuseToStart()
    {
        var (exitCode, error) = await RunAsync($"--Jwt:SigningKey={TestTokens.SigningKey}", "--ConnectionStrings:Default=");

        Assert.Equal(2, exitCode);
        Assert.Contains("ConnectionStrings__Default is not set", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--Caching:EventReadSeconds=-1", "Caching__EventReadSeconds")]
    [InlineData("--Caching:EventReadSeconds=301", "Caching__EventReadSeconds")]
    [InlineData("--Bookings:MaxConcurrentPerEvent=0", "Bookings__MaxConcurrentPerEvent")]
    [InlineData("--Api:PublicBaseUrl=api.example.com", "Api__PublicBaseUrl")]
    [InlineData("--Api:PublicBaseUrl=https://api.example.com/?x=1", "Api__PublicBaseUrl")]
    public async Task Start_WithAnOutOfRangeLoadSetting_ShouldRefuseToStart(string setting, string named)
    {
        var (exitCode, error) = await RunAsync(
            $"--ConnectionStrings:Default={database.ConnectionString}",
            $"--Jwt:SigningKey={TestTokens.SigningKey}",
            setting);

        Assert.Equal(2, exitCode);
        Assert.Contains(named, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--ForwardedHeaders:KnownNetworks=10.0.0.0/99", "ForwardedHeaders__KnownNetworks")]
    [InlineData("--ForwardedHeaders:KnownProxies=proxy.example", "ForwardedHeaders__KnownProxies")]
    [InlineData("--Metrics:AllowedNetworks=everyone", "Metrics__AllowedNetworks")]
    [InlineData("--Metrics:Port=70000", "Metrics__Port")]
    public async Task Start_WithAMalformedProxyOrMetricsSetting_ShouldRefuseToStartAndNameIt(string setting, string named)
    {
        var (exitCode, error) = await RunAsync(
            $"--ConnectionStrings:Default={database.ConnectionString}",
            $"--Jwt:SigningKey={TestTokens.SigningKey}",
            $"--Tickets:SigningKey={TestTickets.SigningKey}",
            setting);

        Assert.Equal(2, exitCode);
        Assert.Contains(named, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--Bookings:MaxBatchSize=abc", "Bookings__MaxBatchSize must be a whole number (Int32)")]
    [InlineData("--RateLimiting:Enabled=sometimes", "RateLimiting__Enabled must be true or false (Boolean)")]
    [InlineData("--Metrics:Port=ninety", "Metrics__Port must be a whole number (Int32)")]
    public async Task Start_WithAValueOfTheWrongType_ShouldNameTheKeyAndTheTypeWithoutAStackTrace(string setting, string message)
    {
        var (exitCode, error) = await RunAsync(
            $"--ConnectionStrings:Default={database.ConnectionString}",
            $"--Jwt:SigningKey={TestTokens.SigningKey}",
            setting);

        Assert.Equal(2, exitCode);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_WithSeveralBadSettings_ShouldReportThemAllAtOnce()
    {
        var (exitCode, error) = await RunAsync(
            $"--ConnectionStrings:Default={database.ConnectionString}",
            $"--Jwt:SigningKey={TestTokens.SigningKey}",
            "--Bookings:MaxBatchSize=abc",
            "--Bookings:MaxConcurrentPerEvent=0",
            "--Waitlist:OfferSeconds=soon",
            "--Caching:EventReadSeconds=-1");

        Assert.Equal(2, exitCode);
        Assert.Contains("Bookings__MaxBatchSize must be a whole number", error, StringComparison.Ordinal);
        Assert.Contains("Bookings__MaxConcurrentPerEvent must be between 1 and 1000", error, StringComparison.Ordinal);
        Assert.Contains("Waitlist__OfferSeconds must be a whole number", error, StringComparison.Ordinal);
        Assert.Contains("Caching__EventReadSeconds", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_OutsideDevelopmentWithoutATicketSigningKey_ShouldRefuseToStart()
    {
        var (exitCode, error) = await RunAsync(
            "--environment=Production",
            $"--ConnectionStrings:Default={database.ConnectionString}",
            $"--Jwt:SigningKey={TestTokens.SigningKey}");

        Assert.Equal(2, exitCode);
        Assert.Contains("Tickets__SigningKey is not set", error, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> BadTicketKeys => new()
    {
        { "--Tickets:SigningKey=not a key", "Tickets__SigningKey is not a PEM EC private or public key" },
        { $"--Tickets:SigningKey={TestTickets.PublicKeyOf(TestTickets.SigningKey)}", "Tickets__SigningKey is a public key" },
        { $"--Tickets:SigningKey={P384Key()}", "Tickets__SigningKey is not on the P-256 curve" },
        { "--Tickets:VerificationKeys:0=-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----", "Tickets__VerificationKeys__0" },
    };

    [Theory]
    [MemberData(nameof(BadTicketKeys))]
    public async Task Start_WithAMalformedTicketKey_ShouldRefuseToStartAndNameTheKey(string setting, string message)
    {
        var (exitCode, error) = await RunAsync(
            "--environment=Production",
            $"--ConnectionStrings:Default={database.ConnectionString}",
            $"--Jwt:SigningKey={TestTokens.SigningKey}",
            setting.StartsWith("--Tickets:SigningKey", StringComparison.Ordinal) ? "--Tickets:Issuer=eventbooking-tickets" : $"--Tickets:SigningKey={TestTickets.SigningKey}",
            setting);

        Assert.Equal(2, exitCode);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.DoesNotContain("PRIVATE KEY", error, StringComparison.Ordinal); // a key is never echoed
    }

    private static string P384Key()
    {
        using var key = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP384);
        return key.ExportPkcs8PrivateKeyPem();
    }

    /// <summary>Runs the real entry point (as `dotnet run` would) and captures what it writes to stderr.</summary>
    private static async Task<(int ExitCode, string Error)> RunAsync(params string[] args)
    {
        var entryPoint = typeof(Program).Assembly.EntryPoint!;
        string[] hostArgs = ["--urls=http://127.0.0.1:0", .. args];
        var originalError = Console.Error;
        await using var captured = new StringWriter();
        Console.SetError(captured);
        try
        {
            // A start that wrongly succeeds would run forever: bound it.
            var exitCode = await Task.Run(() => (int)entryPoint.Invoke(null, [hostArgs])!).WaitAsync(TimeSpan.FromSeconds(60));
            return (exitCode, captured.ToString());
        }
        finally
        {
            Console.SetError(originalError);
        }
    }
}
