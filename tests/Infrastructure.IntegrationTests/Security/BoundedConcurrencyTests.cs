using EventBooking.Application.Common.Exceptions;
using EventBooking.Infrastructure.Security;

namespace EventBooking.Infrastructure.IntegrationTests.Security;

/// <summary>The gate in front of bcrypt: a burst of logins waits its turn or is refused, and never piles up.</summary>
public sealed class BoundedConcurrencyTests
{
    [Fact]
    public async Task EnterAsync_WhenSlotsAndQueueAreFull_ShouldRefuseAtOnceWithServiceBusy()
    {
        using var gate = new BoundedConcurrency(slots: 1, maxWaiting: 1, maxWait: TimeSpan.FromSeconds(30));
        var running = await gate.EnterAsync(CancellationToken.None);
        var queued = gate.EnterAsync(CancellationToken.None);

        await Assert.ThrowsAsync<ServiceBusyException>(() => gate.EnterAsync(CancellationToken.None));

        Assert.False(queued.IsCompleted);
        running.Dispose();
        (await queued).Dispose();
    }

    [Fact]
    public async Task EnterAsync_WhenASlotFrees_ShouldLetTheNextWaiterIn()
    {
        using var gate = new BoundedConcurrency(slots: 1, maxWaiting: 5, maxWait: TimeSpan.FromSeconds(30));
        var first = await gate.EnterAsync(CancellationToken.None);
        var second = gate.EnterAsync(CancellationToken.None);
        Assert.False(second.IsCompleted);

        first.Dispose();

        using var lease = await second.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task EnterAsync_WhenTheWaitExceedsTheLimit_ShouldRefuseWithServiceBusy()
    {
        using var gate = new BoundedConcurrency(slots: 1, maxWaiting: 5, maxWait: TimeSpan.FromMilliseconds(20));
        using var running = await gate.EnterAsync(CancellationToken.None);

        var refused = await Assert.ThrowsAsync<ServiceBusyException>(() => gate.EnterAsync(CancellationToken.None));

        Assert.Equal(TimeSpan.FromSeconds(1), refused.RetryAfter);
    }

    [Fact]
    public async Task EnterAsync_WhenSlotsAreFree_ShouldAdmitThatManyAtOnce()
    {
        using var gate = new BoundedConcurrency(slots: 2, maxWaiting: 0, maxWait: TimeSpan.FromSeconds(1));

        using var a = await gate.EnterAsync(CancellationToken.None);
        using var b = await gate.EnterAsync(CancellationToken.None);

        await Assert.ThrowsAsync<ServiceBusyException>(() => gate.EnterAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Lease_WhenDisposedTwice_ShouldFreeOnlyOneSlot()
    {
        using var gate = new BoundedConcurrency(slots: 1, maxWaiting: 0, maxWait: TimeSpan.FromSeconds(1));
        var lease = await gate.EnterAsync(CancellationToken.None);
        lease.Dispose();
        lease.Dispose();

        using var next = await gate.EnterAsync(CancellationToken.None);
        await Assert.ThrowsAsync<ServiceBusyException>(() => gate.EnterAsync(CancellationToken.None));
    }
}
