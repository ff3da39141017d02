using System.Net;
using System.Net.Sockets;
using EventBooking.WebApi.IntegrationTests.Support;

namespace EventBooking.WebApi.IntegrationTests.Operations;

/// <summary>
/// Issue 17: with <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> set, spans go out over OTLP (here http/protobuf to a receiver on
/// loopback), and the trace an error envelope names is the trace that was exported: its <c>traceId</c> is the W3C trace
/// id of the request's spans (ASP.NET Core's, the MediatR pipeline's and Npgsql's).
/// </summary>
public sealed class TraceExportTests(DatabaseFixture database) : BookingApiTest(database), IDisposable
{
    private readonly OtlpReceiver _receiver = new();

    protected override EventBookingApiFactory CreateFactory() =>
        new(Database, new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = _receiver.Endpoint,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "100",
        });

    [Fact]
    public async Task AnErrorEnvelopesTraceId_ShouldBeTheTraceIdOfTheExportedSpans()
    {
        var (_, token) = await CreateUserAsync("ann@example.com");

        var refused = await AssertErrorAsync(
            await SendAsync(HttpMethod.Get, "/api/bookings/BK-NOPE-000000", token), HttpStatusCode.NotFound, "NOT_FOUND");
        var traceId = refused.GetProperty("traceId").GetString()!;

        Assert.Matches("^[0-9a-f]{32}$", traceId);
        var traceIdBytes = Convert.FromHexString(traceId);
        // The two spans may end up in different export batches (the batch timer can fire between them): look for each.
        var batches = await _receiver.WaitForAsync(
            all => all.Any(b => Contains(b, traceIdBytes) && Contains(b, "GetBookingQuery"u8))
                && all.Any(b => Contains(b, traceIdBytes) && Contains(b, "GET /api/bookings/{bookingId}"u8)));
        // The server span (ASP.NET Core, named after the route) and the pipeline's span (named after the query) carry
        // the envelope's trace id; Npgsql's spans are exported too.
        Assert.Contains(batches, b => Contains(b, traceIdBytes) && Contains(b, "GetBookingQuery"u8));
        Assert.Contains(batches, b => Contains(b, "Npgsql"u8));
    }

    [Fact]
    public async Task AnIncomingTraceparent_ShouldBeContinued_AndNamedInTheEnvelope()
    {
        const string TraceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/events/0");
        request.Headers.Add("traceparent", $"00-{TraceId}-00f067aa0ba902b7-01");

        var refused = await AssertErrorAsync(await Client.SendAsync(request), HttpStatusCode.BadRequest, "VALIDATION_ERROR");

        Assert.Equal(TraceId, refused.GetProperty("traceId").GetString());
        await _receiver.WaitForAsync(all => all.Any(b => Contains(b, Convert.FromHexString(TraceId))));
    }

    public void Dispose() => _receiver.Dispose();

    private static bool Contains(byte[] haystack, ReadOnlySpan<byte> needle) => haystack.AsSpan().IndexOf(needle) >= 0;

    /// <summary>
    /// A minimal OTLP/HTTP receiver: accepts POST /v1/traces (and /v1/metrics, /v1/logs) on a free loopback port, answers
    /// 200 with an empty body, and keeps every request body. The protobuf is not decoded: ids are raw 16-byte fields and
    /// span names raw UTF-8 strings, so searching the bytes is exact enough.
    /// </summary>
    private sealed class OtlpReceiver : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly List<byte[]> _bodies = [];
        private readonly Task _loop;

        public OtlpReceiver()
        {
            var port = FreePort();
            Endpoint = $"http://127.0.0.1:{port}";
            _listener.Prefixes.Add(Endpoint + "/");
            _listener.Start();
            _loop = Task.Run(ServeAsync);
        }

        public string Endpoint { get; }

        public async Task<IReadOnlyList<byte[]>> WaitForAsync(Func<IReadOnlyList<byte[]>, bool> condition)
        {
            for (var i = 0; i < 200; i++)
            {
                var all = Snapshot();
                if (condition(all))
                {
                    return all;
                }

                await Task.Delay(50);
            }

            var seen = Snapshot();
            Assert.Fail($"the OTLP receiver did not get the expected spans within 10 s ({seen.Count} exports, {seen.Sum(b => b.Length)} bytes)");
            return seen;
        }

        public void Dispose()
        {
            _listener.Close();
            _ = _loop.ContinueWith(_ => { }, TaskScheduler.Default);
        }

        private List<byte[]> Snapshot()
        {
            lock (_bodies)
            {
                return [.. _bodies];
            }
        }

        private async Task ServeAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
                {
                    return;
                }

                using (var body = new MemoryStream())
                {
                    await context.Request.InputStream.CopyToAsync(body);
                    if (context.Request.Url?.AbsolutePath == "/v1/traces")
                    {
                        lock (_bodies)
                        {
                            _bodies.Add(body.ToArray());
                        }
                    }
                }

                context.Response.StatusCode = 200;
                context.Response.ContentType = "application/x-protobuf";
                context.Response.Close();
            }
        }

        private static int FreePort()
        {
            using var socket = new TcpListener(IPAddress.Loopback, 0);
            socket.Start();
            return ((IPEndPoint)socket.LocalEndpoint).Port;
        }
    }
}
