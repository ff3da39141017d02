using Xunit;

namespace EventBooking.TestSupport;

/// <summary>Waits for something another thread is about to make true, and fails the test if it does not.</summary>
public static class Eventually
{
    /// <summary>Polls <paramref name="condition"/> every 10 ms; fails with "<paramref name="what"/>" after <paramref name="within"/> (5 s).</summary>
    public static Task WaitUntilAsync(Func<bool> condition, string what, TimeSpan? within = null) =>
        WaitUntilAsync(() => Task.FromResult(condition()), what, within);

    /// <summary>As above, for a condition that has to ask something (a database, a socket) to answer.</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string what, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(5));
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, what);
            await Task.Delay(10);
        }
    }
}
