using System.Diagnostics.Metrics;
using EventBooking.Application.Common.Telemetry;

namespace EventBooking.Application.UnitTests.Common;

/// <summary>
/// <see cref="EventBookingMetrics"/> on meters of its own, with a listener that sums what is recorded per instrument and
/// outcome, so a test can assert that a handler counted what it did.
/// </summary>
internal sealed class TestMetrics : IMeterFactory
{
    private readonly List<Meter> _meters = [];
    private readonly MeterListener _listener = new();
    private readonly Dictionary<string, long> _sums = [];

    public TestMetrics()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (_meters.Contains(instrument.Meter))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var outcome = string.Empty;
            foreach (var tag in tags)
            {
                if (tag.Key == EventBookingMetrics.Outcome)
                {
                    outcome = tag.Value?.ToString() ?? string.Empty;
                }
            }

            lock (_sums)
            {
                var key = $"{instrument.Name}|{outcome}";
                _sums[key] = _sums.GetValueOrDefault(key) + value;
            }
        });
        _listener.Start();
        Metrics = new EventBookingMetrics(this);
    }

    public EventBookingMetrics Metrics { get; }

    public Meter Create(MeterOptions options)
    {
        var meter = new Meter(options);
        _meters.Add(meter);
        return meter;
    }

    /// <summary>The sum recorded on <paramref name="instrument"/> with this outcome (empty: without one).</summary>
    public long Sum(string instrument, string outcome = "")
    {
        lock (_sums)
        {
            return _sums.GetValueOrDefault($"{instrument}|{outcome}");
        }
    }

    public void Dispose()
    {
        _listener.Dispose();
        _meters.ForEach(m => m.Dispose());
    }
}
