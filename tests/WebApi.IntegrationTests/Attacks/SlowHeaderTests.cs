using System.Net.Sockets;
using System.Text;
using EventBooking.WebApi.IntegrationTests.Support;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EventBooking.WebApi.IntegrationTests.Attacks;

/// <summary>
/// Slowloris: a client that never finishes its headers holds a connection until Kestrel's request-headers timeout,
/// which is 10 s here instead of Kestrel's 30 s, and configurable (<c>Kestrel:Limits:RequestHeadersTimeout</c>).
/// </summary>
public sealed class SlowHeaderTests(DatabaseFixture database) : ApiTest(database)
{
    [Fact]
    public void TheHeadersTimeout_ShouldDefaultToTenSeconds()
    {
        var limits = Factory.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.Limits;

        Assert.Equal(TimeSpan.FromSeconds(10), limits.RequestHeadersTimeout);
    }

    [Fact]
    public async Task AClientThatNeverFinishesItsHeaders_ShouldBeAnswered408AndCutOff()
    {
        await using var factory = new EventBookingApiFactory(Database, new Dictionary<string, string?>
        {
            ["Kestrel:Limits:RequestHeadersTimeout"] = "00:00:01",
        });
        factory.UseKestrel(0);
        factory.StartServer();
        using var client = factory.CreateClient();
        using var socket = new TcpClient();
        await socket.ConnectAsync("127.0.0.1", client.BaseAddress!.Port);
        var stream = socket.GetStream();

        await stream.WriteAsync(Encoding.ASCII.GetBytes("GET /api/events HTTP/1.1\r\nHost: localhost\r\nX-Slow: "));
        var started = DateTime.UtcNow;
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(8));
        var received = new StringBuilder();
        var buffer = new byte[1024];
        int read;
        while ((read = await stream.ReadAsync(buffer, deadline.Token)) > 0)
        {
            received.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        Assert.StartsWith("HTTP/1.1 408", received.ToString(), StringComparison.Ordinal);
        Assert.InRange(DateTime.UtcNow - started, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(6));
    }
}
