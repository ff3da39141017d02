using EventBooking.WebApi.Http;

namespace EventBooking.WebApi.IntegrationTests.Pipeline;

/// <summary>The outage log: the first failure of each window is logged, with how many were held back before it.</summary>
public sealed class OncePerWindowTests
{
    private readonly ManualClock _clock = new();

    [Fact]
    public void TheFirstOccurrence_ShouldPass_AndTheRestOfItsWindowShouldBeCounted()
    {
        var window = new OncePerWindow(_clock, TimeSpan.FromSeconds(10));

        Assert.True(window.TryPass(out var first));
        Assert.Equal(0, first);
        _clock.Advance(TimeSpan.FromSeconds(3));
        Assert.False(window.TryPass(out _));
        _clock.Advance(TimeSpan.FromSeconds(6.9));
        Assert.False(window.TryPass(out _));

        _clock.Advance(TimeSpan.FromSeconds(0.1));
        Assert.True(window.TryPass(out var skipped));
        Assert.Equal(2, skipped);
        Assert.False(window.TryPass(out _));

        _clock.Advance(TimeSpan.FromMinutes(5));
        Assert.True(window.TryPass(out var afterQuiet));
        Assert.Equal(1, afterQuiet);
    }

    private sealed class ManualClock : TimeProvider
    {
        private long _ticks = 1_000_000;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }
}
