using EventBooking.Infrastructure.Security;

namespace EventBooking.Infrastructure.IntegrationTests.Security;

/// <summary>bcrypt runs on dedicated threads at nice 10, so request threads come first on saturated cores.</summary>
public sealed class BackgroundPriorityWorkersTests
{
    [Fact]
    public async Task Work_ShouldRunOnADedicatedThreadAtALowerPriority()
    {
        using var workers = new BackgroundPriorityWorkers(1, "test worker");

        var (name, nice, pooled) = await workers.RunAsync(() => (Thread.CurrentThread.Name, OwnNice(), Thread.CurrentThread.IsThreadPoolThread));

        Assert.Equal("test worker 1", name);
        Assert.False(pooled);
        if (OperatingSystem.IsLinux())
        {
            Assert.True(workers.Lowered);
            Assert.Equal(BackgroundPriorityWorkers.Nice, nice);
        }
    }

    [Fact]
    public async Task AnException_ShouldReachTheCaller_AndTheWorkerShouldCarryOn()
    {
        using var workers = new BackgroundPriorityWorkers(1, "test worker");

        await Assert.ThrowsAsync<InvalidOperationException>(() => workers.RunAsync<int>(() => throw new InvalidOperationException("boom")));
        Assert.Equal(42, await workers.RunAsync(() => 42));
    }

    /// <summary>The calling thread's nice value, field 19 of /proc/thread-self/stat (counted after the command name).</summary>
    private static int OwnNice()
    {
        if (!OperatingSystem.IsLinux())
        {
            return 0;
        }

        var stat = File.ReadAllText("/proc/thread-self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return int.Parse(fields[16], System.Globalization.CultureInfo.InvariantCulture);
    }
}
