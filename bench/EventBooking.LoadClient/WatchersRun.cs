using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace EventBooking.LoadClient;

/// <summary>
/// How many live watchers one API instance holds while the hot event sells out: one WebSocket per user of
/// <c>--users A-B</c> to <c>/ws/events/{--event}</c> (user i to instance i mod n of <c>--url</c>), at most
/// <c>--connect-concurrency</c> (200) connecting at once; a socket counts as connected once its <c>subscribed</c>
/// message arrived (within 30 s). When every socket is connected or failed, the Unix ms time is written to
/// <c>--ready-file</c>, for build/bench.sh to start the bookings. Then each socket counts its seat messages, the lag
/// of each from the change's commit (<c>changedAt</c>) to its receipt, and when it received the final count
/// (<c>availableSeats</c> = <c>--until-seats</c>, 0). The run ends when no socket still waits for it (each has it,
/// or was dropped), or <c>--seconds</c> after the start.
/// <para>
/// The sockets are <see cref="LeanWebSocket"/>s (<c>ws://</c> only), not <c>ClientWebSocket</c>s: they run on the
/// API's own machine and should take as little of its CPU, and add as little to the lag they measure, as they can.
/// </para>
/// </summary>
internal sealed class WatchersRun : IDisposable
{
    private const int MaxSamples = 5;
    private const int BufferBytes = 1024;
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(30);

    // A Unix ms clock with sub-ms resolution that never goes back: the wall clock once, then the stopwatch.
    private readonly double _startUnixMs = (DateTimeOffset.UtcNow - DateTimeOffset.UnixEpoch).TotalMilliseconds;
    private readonly long _startTimestamp = Stopwatch.GetTimestamp();
    private readonly CancellationTokenSource _stop;
    private readonly SemaphoreSlim _connectSlots;
    private readonly int _untilSeats;

    private readonly ConcurrentQueue<string> _connectErrors = new();
    private readonly ConcurrentQueue<string> _drops = new();
    private readonly TaskCompletionSource _connectPhase = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _connecting;

    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(5);

    // Connected sockets still waiting for the final count, plus one for the connect phase.
    private int _waiting = 1;

    private WatchersRun(int seconds, int connectConcurrency, int untilSeats)
    {
        _stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        _connectSlots = new SemaphoreSlim(connectConcurrency);
        _untilSeats = untilSeats;
    }

    private enum Kind
    {
        Other,
        Subscribed,
        Seat,
    }

    public static async Task<string> RunAsync(Options options)
    {
        var key = Encoding.UTF8.GetBytes(options.Text("key"));
        var (firstUser, lastUser) = options.Range("users");
        var eventId = options.Number("event");
        var bases = options.Text("url").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(url => new Uri(url))
            .ToArray();
        if (bases.FirstOrDefault(url => url.Scheme != "http") is { } unsupported)
        {
            throw new ArgumentException($"watchers: http:// URLs only (the lean WebSocket client has no TLS), not {unsupported}");
        }

        var uris = Tokens.MintRange(key, firstUser, lastUser)
            .Select((token, i) => Http.EventSocketUri(bases[i % bases.Length], eventId, token))
            .ToArray();

        using var run = new WatchersRun(options.Number("seconds"), options.Number("connect-concurrency", 200), options.Number("until-seats", 0));
        return await run.WatchAllAsync(
            uris, options.Has("ready-file") ? options.Text("ready-file") : null, options.Has("stop-file") ? options.Text("stop-file") : null);
    }

    public void Dispose()
    {
        _stop.Dispose();
        _connectSlots.Dispose();
    }

    private async Task<string> WatchAllAsync(Uri[] uris, string? readyFile, string? stopFile)
    {
        _connecting = uris.Length;
        var watchers = uris.Select(_ => new Watcher()).ToArray();
        var tasks = watchers.Select((watcher, i) => WatchAsync(watcher, uris[i])).ToArray();

        await _connectPhase.Task;
        var readyUnixMs = NowUnixMs();
        var connectSeconds = (readyUnixMs - _startUnixMs) / 1000;
        if (readyFile is not null)
        {
            // Written whole, then renamed, so a script polling for the file never reads half of it.
            await File.WriteAllTextAsync(readyFile + ".tmp", string.Create(CultureInfo.InvariantCulture, $"{(long)readyUnixMs}"));
            File.Move(readyFile + ".tmp", readyFile, overwrite: true);
        }

        Console.Error.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"watchers: {watchers.Count(w => w.Connected)} of {watchers.Length} connected in {connectSeconds:0.00} s"));

        if (stopFile is not null)
        {
            _ = EndSoonAfterAsync(stopFile);
        }

        using (_stop.Token.Register(() => _done.TrySetResult()))
        {
            StopWaiting();
            await _done.Task;
        }

        await _stop.CancelAsync();
        await Task.WhenAll(tasks);

        var lags = new double[watchers.Sum(w => w.Lags.Count)];
        var at = 0;
        foreach (var watcher in watchers)
        {
            foreach (var lag in watcher.Lags)
            {
                lags[at++] = lag;
            }
        }

        Array.Sort(lags);
        var connected = watchers.Count(w => w.Connected);
        var finals = watchers.Where(w => w.Connected && w.FinalUnixMs > 0).Select(w => w.FinalUnixMs).ToArray();
        var messages = watchers.Sum(w => (long)w.Messages);
        return Http.ToJson(new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["mode"] = "watchers",
            ["watchers"] = watchers.Length,
            ["connected"] = connected,
            ["connect_failed"] = watchers.Length - connected,
            ["connect_error_samples"] = _connectErrors.Take(MaxSamples).ToArray(),
            ["connect_seconds"] = Http.Round(connectSeconds, 3),
            ["ready_unix_ms"] = (long)readyUnixMs,
            ["dropped"] = watchers.Count(w => w.Dropped),
            ["drop_samples"] = _drops.Take(MaxSamples).ToArray(),
            ["messages"] = messages,
            ["messages_per_watcher"] = connected > 0 ? Http.Round(messages / (double)connected) : 0,
            ["lag_samples"] = lags.Length,
            ["lag_p50_ms"] = Http.Round(Http.Percentile(lags, 50)),
            ["lag_p90_ms"] = Http.Round(Http.Percentile(lags, 90)),
            ["lag_p99_ms"] = Http.Round(Http.Percentile(lags, 99)),
            ["lag_max_ms"] = Http.Round(lags.Length > 0 ? lags[^1] : 0),
            ["negative_lag_samples"] = lags.Count(lag => lag < 0),
            ["reached_final"] = finals.Length,
            ["missing_final"] = connected - finals.Length,
            ["final_first_unix_ms"] = finals.Length > 0 ? (long)finals.Min() : 0,
            ["final_last_unix_ms"] = finals.Length > 0 ? (long)finals.Max() : 0,
            ["completed"] = connected > 0 && finals.Length == connected,
        });
    }

    /// <summary>
    /// <c>--stop-file</c>: once the file exists (the script's booking run is over), the run ends within
    /// <see cref="StopGrace"/> even if some watchers never see the final count (the sale did not sell out).
    /// </summary>
    private async Task EndSoonAfterAsync(string stopFile)
    {
        while (!_stop.IsCancellationRequested && !File.Exists(stopFile))
        {
            await Task.Delay(100, CancellationToken.None);
        }

        if (!_stop.IsCancellationRequested)
        {
            _stop.CancelAfter(StopGrace);
        }
    }

    /// <summary>One socket from connect to the end of the run; its failures are counted, never thrown.</summary>
    private async Task WatchAsync(Watcher watcher, Uri uri)
    {
        using var socket = await ConnectAsync(watcher, uri);
        if (Interlocked.Decrement(ref _connecting) == 0)
        {
            _connectPhase.TrySetResult();
        }

        if (socket is null)
        {
            return;
        }

        try
        {
            while (await socket.ReceiveAsync(_stop.Token))
            {
                Handle(watcher, socket.Message);
            }

            Drop(watcher, "closed by the server");
        }
#pragma warning disable CA1031 // a socket's failure is counted, it may not stop the run
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Drop(watcher, Describe(ex));
        }
    }

    /// <summary>
    /// Connects and reads until the <c>subscribed</c> message: the socket, or null after a failure (in the connect
    /// error samples).
    /// </summary>
    private async Task<LeanWebSocket?> ConnectAsync(Watcher watcher, Uri uri)
    {
        LeanWebSocket? socket = null;
        try
        {
            await _connectSlots.WaitAsync(_stop.Token);
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                timeout.CancelAfter(ConnectTimeout);
                socket = await LeanWebSocket.ConnectAsync(uri, BufferBytes, timeout.Token);
                while (!watcher.Connected)
                {
                    if (!await socket.ReceiveAsync(timeout.Token))
                    {
                        Sample(_connectErrors, "closed by the server before subscribed");
                        socket.Dispose();
                        return null;
                    }

                    if (Handle(watcher, socket.Message) == Kind.Subscribed)
                    {
                        watcher.Connected = true;
                        if (watcher.FinalUnixMs == 0)
                        {
                            Interlocked.Increment(ref _waiting);
                        }
                    }
                }
            }
            finally
            {
                _connectSlots.Release();
            }

            return socket;
        }
#pragma warning disable CA1031 // a socket's failure is counted, it may not stop the run
        catch (Exception ex)
#pragma warning restore CA1031
        {
            socket?.Dispose();
            Sample(_connectErrors, _stop.IsCancellationRequested ? "deadline"
                : ex is OperationCanceledException ? "not subscribed within 30 s"
                : Describe(ex));
            return null;
        }
    }

    /// <summary>Counts a seat message (its lag, and whether it brings the final count); returns the message's kind.</summary>
    private Kind Handle(Watcher watcher, ReadOnlySpan<byte> message)
    {
        var receivedUnixMs = NowUnixMs();
        var (kind, seats, changedUnixMs) = Parse(message);
        if (kind != Kind.Seat)
        {
            return kind;
        }

        watcher.Messages++;
        if (changedUnixMs is { } changed)
        {
            watcher.Lags.Add((float)(receivedUnixMs - changed));
        }

        if (seats == _untilSeats && watcher.FinalUnixMs == 0)
        {
            watcher.FinalUnixMs = receivedUnixMs;
            if (watcher.Connected)
            {
                StopWaiting();
            }
        }

        return kind;
    }

    /// <summary>A connected socket ended before the final count (an end at the deadline, or after the final count, is none).</summary>
    private void Drop(Watcher watcher, string why)
    {
        if (_stop.IsCancellationRequested || watcher.FinalUnixMs > 0)
        {
            return;
        }

        watcher.Dropped = true;
        Sample(_drops, string.Create(CultureInfo.InvariantCulture, $"{NowUnixMs() - _startUnixMs:0} ms: {why}"));
        StopWaiting();
    }

    private void StopWaiting()
    {
        if (Interlocked.Decrement(ref _waiting) == 0)
        {
            _done.TrySetResult();
        }
    }

    private double NowUnixMs() => _startUnixMs + Stopwatch.GetElapsedTime(_startTimestamp).TotalMilliseconds;

    private static void Sample(ConcurrentQueue<string> samples, string sample)
    {
        if (samples.Count < MaxSamples)
        {
            samples.Enqueue(sample);
        }
    }

    private static string Describe(Exception ex) =>
        ex.GetType().Name + ": " + ex.Message + (ex.InnerException is { } inner ? " (" + inner.GetBaseException().Message + ")" : "");

    /// <summary><c>type</c>, <c>availableSeats</c> and <c>changedAt</c> (as Unix ms) of one message, read without allocating.</summary>
    private static (Kind Kind, int? Seats, double? ChangedUnixMs) Parse(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        var kind = Kind.Other;
        int? seats = null;
        double? changedUnixMs = null;
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return (kind, seats, changedUnixMs);
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                kind = reader.TokenType != JsonTokenType.String ? Kind.Other
                    : reader.ValueTextEquals("subscribed"u8) ? Kind.Subscribed
                    : reader.ValueTextEquals("booking_created"u8) || reader.ValueTextEquals("booking_cancelled"u8)
                        || reader.ValueTextEquals("seat_update"u8) || reader.ValueTextEquals("booking_transferred"u8) ? Kind.Seat
                    : Kind.Other;
            }
            else if (reader.ValueTextEquals("availableSeats"u8))
            {
                reader.Read();
                seats = reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var count) ? count : null;
            }
            else if (reader.ValueTextEquals("changedAt"u8))
            {
                reader.Read();
                changedUnixMs = reader.TokenType == JsonTokenType.String && reader.TryGetDateTimeOffset(out var changed)
                    ? (changed - DateTimeOffset.UnixEpoch).TotalMilliseconds
                    : null;
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return (kind, seats, changedUnixMs);
    }

    /// <summary>One socket's state, written only by its own task while the run lasts.</summary>
    private sealed class Watcher
    {
        public bool Connected { get; set; }

        public bool Dropped { get; set; }

        public int Messages { get; set; }

        public List<float> Lags { get; } = [];

        /// <summary>When the final count first arrived (Unix ms), 0 until then.</summary>
        public double FinalUnixMs { get; set; }
    }
}
