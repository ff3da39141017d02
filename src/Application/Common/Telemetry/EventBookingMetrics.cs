using System.Diagnostics.Metrics;

namespace EventBooking.Application.Common.Telemetry;

/// <summary>
/// The product's own instruments, on the meter <see cref="MeterName"/> (docs/operations.md lists them). Names follow the
/// OpenTelemetry conventions: dot-separated, a unit per instrument, the varying part as an attribute
/// (<c>eventbooking.outcome</c>), never a user or event id (that would make one time series per id).
/// One instance per process; every layer records through it.
/// </summary>
public sealed class EventBookingMetrics
{
    public const string MeterName = "EventBooking";
    public const string Outcome = "eventbooking.outcome";

    private readonly Counter<long> _bookings;
    private readonly Counter<long> _cancellations;
    private readonly Histogram<int> _batchSize;
    private readonly Histogram<int> _callEvents;
    private readonly Histogram<double> _queueWait;
    private readonly Histogram<double> _callWait;
    private readonly UpDownCounter<long> _queued;
    private readonly UpDownCounter<long> _connections;
    private readonly UpDownCounter<long> _subscriptions;
    private readonly Counter<long> _messages;
    private readonly Histogram<double> _notificationLag;
    private readonly Histogram<double> _fanOut;
    private readonly Counter<long> _logins;
    private readonly Counter<long> _replays;
    private readonly Counter<long> _waitlist;
    private readonly Counter<long> _checkIns;

    public EventBookingMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _bookings = meter.CreateCounter<long>(
            "eventbooking.bookings", "{booking}", "Booking attempts by outcome: created, sold_out, already_booked, event_started, event_not_found, user_not_found, busy");
        _cancellations = meter.CreateCounter<long>(
            "eventbooking.cancellations", "{booking}", "Cancellation attempts by outcome: cancelled, not_found, not_confirmed, checked_in, event_started");
        _batchSize = meter.CreateHistogram<int>(
            "eventbooking.booking.batch.size", "{booking}", "Bookings of one event confirmed together in one transaction",
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64, 128, 256] });
        _callEvents = meter.CreateHistogram<int>(
            "eventbooking.booking.call.events", "{event}", "Events whose batches one booking call to the database carried (one transaction, one commit)",
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64, 128] });
        _queueWait = meter.CreateHistogram<double>(
            "eventbooking.booking.queue.wait", "s", "Time a booking waited in its event's queue before its batch started",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });
        _callWait = meter.CreateHistogram<double>(
            "eventbooking.booking.call.wait", "s", "Time an event's batch waited in the commit queue for a free booking call (Bookings__MaxConcurrentCalls)",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });
        _queued = meter.CreateUpDownCounter<long>("eventbooking.booking.queued", "{booking}", "Bookings waiting in the per-event queues");
        _connections = meter.CreateUpDownCounter<long>("eventbooking.websocket.connections", "{connection}", "Open WebSocket connections");
        _subscriptions = meter.CreateUpDownCounter<long>("eventbooking.websocket.subscriptions", "{subscription}", "Event subscriptions of open WebSocket connections");
        _messages = meter.CreateCounter<long>(
            "eventbooking.websocket.messages", "{message}", "WebSocket messages to clients by outcome: sent (queued), coalesced (replaced a seat count of the same event not yet sent), dropped (the client was closing or too far behind)");
        _notificationLag = meter.CreateHistogram<double>(
            "eventbooking.seat_change.lag", "s", "From the seat change's commit in PostgreSQL to this instance receiving it (its WebSocket message follows at once, or within Realtime__SeatUpdateIntervalMs)",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5] });
        _fanOut = meter.CreateHistogram<double>(
            "eventbooking.websocket.fanout.duration", "s", "Time one seat count of an event took to be handed to every socket following it on this instance (one fan-out); the last socket's message waits this long after eventbooking.seat_change.lag",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5] });
        _logins = meter.CreateCounter<long>(
            "eventbooking.logins", "{login}", "Login attempts by outcome: succeeded, failed, throttled, busy");
        _replays = meter.CreateCounter<long>(
            "eventbooking.idempotent_replays", "{request}", "Booking requests answered from a stored answer (Idempotency-Key)");
        _waitlist = meter.CreateCounter<long>(
            "eventbooking.waitlist.changes", "{change}", "Waiting-list requests by outcome: joined, left, declined, accepted, refused");
        _checkIns = meter.CreateCounter<long>(
            "eventbooking.check_ins", "{check_in}", "Door check-ins by outcome: checked_in, already_checked_in, refused, undone");
    }

    public void Booking(string outcome) => _bookings.Add(1, new KeyValuePair<string, object?>(Outcome, outcome));

    public void Cancellation(string outcome) => _cancellations.Add(1, new KeyValuePair<string, object?>(Outcome, outcome));

    public void BookingBatch(int size) => _batchSize.Record(size);

    /// <summary>One booking call to the database, carrying the batches of <paramref name="events"/> events.</summary>
    public void BookingCall(int events) => _callEvents.Record(events);

    public void QueueWait(TimeSpan waited) => _queueWait.Record(waited.TotalSeconds);

    /// <summary>How long one event's batch waited for a free booking call, after its wait in the event's queue.</summary>
    public void CallWait(TimeSpan waited) => _callWait.Record(waited.TotalSeconds);

    public void Queued(int change) => _queued.Add(change);

    public void WebSocketConnections(int change) => _connections.Add(change);

    public void WebSocketSubscriptions(int change) => _subscriptions.Add(change);

    /// <summary>One broadcast: how many sockets got the message queued, had it replace an older unsent count, or were dropped.</summary>
    public void WebSocketMessages(int sent, int dropped, int coalesced)
    {
        if (coalesced > 0)
        {
            _messages.Add(coalesced, new KeyValuePair<string, object?>(Outcome, "coalesced"));
        }

        if (sent > 0)
        {
            _messages.Add(sent, new KeyValuePair<string, object?>(Outcome, "sent"));
        }

        if (dropped > 0)
        {
            _messages.Add(dropped, new KeyValuePair<string, object?>(Outcome, "dropped"));
        }
    }

    public void NotificationLag(TimeSpan lag) => _notificationLag.Record(Math.Max(0, lag.TotalSeconds));

    /// <summary>One fan-out of an event's seat count to its sockets here, from its start to the last socket's hand-off.</summary>
    public void FanOut(TimeSpan took) => _fanOut.Record(took.TotalSeconds);

    public void Login(string outcome) => _logins.Add(1, new KeyValuePair<string, object?>(Outcome, outcome));

    public void IdempotentReplay() => _replays.Add(1);

    public void Waitlist(string outcome) => _waitlist.Add(1, new KeyValuePair<string, object?>(Outcome, outcome));

    public void CheckIn(string outcome) => _checkIns.Add(1, new KeyValuePair<string, object?>(Outcome, outcome));

    /// <summary>Observes a value on each collection (a queue depth, say), for as long as the process runs.</summary>
    public static void Gauge(IMeterFactory meters, string name, string unit, string description, Func<long> read) =>
        meters.Create(MeterName).CreateObservableGauge(name, read, unit, description);
}
