using EventBooking.Infrastructure.Security;

namespace EventBooking.Infrastructure.IntegrationTests.Security;

public sealed class InProcessLoginThrottleTests
{
    private const string Attacker = "198.51.100.9";
    private readonly ManualClock _clock = new();
    private readonly InProcessLoginThrottle _throttle;

    public InProcessLoginThrottleTests() => _throttle = new InProcessLoginThrottle(_clock);

    [Fact]
    public void LockedFor_AfterFourFailures_ShouldStillAllowLogins()
    {
        Fail("a@example.com", 4);

        Assert.Null(_throttle.LockedFor("a@example.com", Attacker));
    }

    [Fact]
    public void LockedFor_AfterFiveFailuresInTheWindow_ShouldLockForFifteenMinutes()
    {
        Fail("a@example.com", 5);

        Assert.Equal(TimeSpan.FromMinutes(15), _throttle.LockedFor("a@example.com", Attacker));
        _clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(TimeSpan.FromMinutes(5), _throttle.LockedFor("a@example.com", Attacker));
        _clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Null(_throttle.LockedFor("a@example.com", Attacker));
    }

    [Fact]
    public void LockedFor_WhenFailuresAreSpreadBeyondTheWindow_ShouldNotLock()
    {
        Fail("a@example.com", 4);
        _clock.Advance(TimeSpan.FromMinutes(16));
        Fail("a@example.com", 4);

        Assert.Null(_throttle.LockedFor("a@example.com", Attacker));
    }

    [Fact]
    public void RecordSuccess_ShouldForgetEarlierFailures()
    {
        Fail("a@example.com", 4);
        _throttle.RecordSuccess("a@example.com", Attacker);
        Fail("a@example.com", 4);

        Assert.Null(_throttle.LockedFor("a@example.com", Attacker));
    }

    [Fact]
    public void Accounts_ShouldBeCountedSeparately()
    {
        Fail("a@example.com", 5);

        Assert.NotNull(_throttle.LockedFor("a@example.com", Attacker));
        Assert.Null(_throttle.LockedFor("b@example.com", Attacker));
    }

    [Fact]
    public void LockedFor_FromAnotherClient_ShouldNotLockTheOwnerOut()
    {
        Fail("a@example.com", 5);

        Assert.NotNull(_throttle.LockedFor("a@example.com", Attacker));
        Assert.Null(_throttle.LockedFor("a@example.com", "203.0.113.7"));
    }

    private void Fail(string email, int times)
    {
        for (var i = 0; i < times; i++)
        {
            _throttle.RecordFailure(email, Attacker);
        }
    }

    private sealed class ManualClock : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
