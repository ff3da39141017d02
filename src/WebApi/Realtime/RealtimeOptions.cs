namespace EventBooking.WebApi.Realtime;

/// <summary>The <c>Realtime</c> configuration section (<c>Realtime__MaxConnectionsPerUser</c>, ...).</summary>
public sealed class RealtimeOptions
{
    public const string SectionName = "Realtime";

    /// <summary>Open sockets one user may hold at once (more tabs than this get 429).</summary>
    public int MaxConnectionsPerUser { get; set; } = 5;

    /// <summary>Events one socket may follow at once.</summary>
    public int MaxSubscriptionsPerConnection { get; set; } = 100;

    /// <summary>Messages queued for a socket; a client this far behind is dropped rather than slowing others.</summary>
    public int SendQueueCapacity { get; set; } = 64;

    /// <summary>Ping interval; a client that does not answer within the same time is disconnected.</summary>
    public int KeepAliveSeconds { get; set; } = 30;

    /// <summary>
    /// Seat counts of one event go out at most once per this many milliseconds: a change after a quiet interval at
    /// once, the changes after it as one message with the latest count at the interval's end, a sell-out at once.
    /// 0 sends every change.
    /// <c>Realtime__SeatUpdateIntervalMs</c>.
    /// </summary>
    public int SeatUpdateIntervalMs { get; set; } = 100;

    /// <summary>
    /// The most messages a second one event's counts cost this instance, over all its watchers: an event with more
    /// watchers than this times the interval gets a longer interval (10,000 watchers: one count a second).
    /// <c>Realtime__SeatMessagesPerSecond</c>.
    /// </summary>
    public int SeatMessagesPerSecond { get; set; } = 10_000;

    /// <summary>Largest message a client may send (bytes).</summary>
    public int MaxMessageBytes { get; set; } = 4096;
}
