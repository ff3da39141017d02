using EventBooking.Application.Common.Exceptions;
using EventBooking.Infrastructure.Persistence;

namespace EventBooking.Infrastructure.IntegrationTests.Persistence;

public sealed class EventAdmissionTests
{
    [Fact]
    public async Task EnterAsync_ShouldLetAtMostThePermitsOfOneEventInAtOnce()
    {
        var admission = new EventAdmission(3);
        var inside = 0;
        var most = 0;

        await Task.WhenAll(Enumerable.Range(0, 60).Select(_ => Task.Run(async () =>
        {
            using (await admission.EnterAsync(7, CancellationToken.None))
            {
                var now = Interlocked.Increment(ref inside);
                InterlockedMax(ref most, now);
                await Task.Delay(2);
                Interlocked.Decrement(ref inside);
            }
        })));

        Assert.InRange(most, 1, 3);
        Assert.Equal(0, admission.ActiveEvents);
    }

    [Fact]
    public async Task EnterAsync_ShouldLetExactlyThePermitsInTogether_AndHoldTheNextOne()
    {
        var admission = new EventAdmission(3);
        var first = await admission.EnterAsync(7, CancellationToken.None);
        var second = await admission.EnterAsync(7, CancellationToken.None);
        var third = await admission.EnterAsync(7, CancellationToken.None);

        var fourth = admission.EnterAsync(7, CancellationToken.None);

        Assert.False(fourth.IsCompleted);
        second.Dispose();
        (await fourth.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
        first.Dispose();
        third.Dispose();
        Assert.Equal(0, admission.ActiveEvents);
    }

    [Fact]
    public async Task EnterAsync_WhenOneEventIsFull_ShouldNotHoldBackAnotherEvent()
    {
        var admission = new EventAdmission(1);
        using var hot = await admission.EnterAsync(1, CancellationToken.None);
        var waitingForHot = admission.EnterAsync(1, CancellationToken.None);

        var other = admission.EnterAsync(2, CancellationToken.None);

        Assert.True(other.IsCompletedSuccessfully);
        Assert.False(waitingForHot.IsCompleted);
        (await other).Dispose();
        hot.Dispose();
        (await waitingForHot).Dispose();
        Assert.Equal(0, admission.ActiveEvents);
    }

    [Fact]
    public async Task EnterAsync_ShouldAdmitWaitersInArrivalOrder()
    {
        var admission = new EventAdmission(1);
        var holder = await admission.EnterAsync(1, CancellationToken.None);
        var order = new List<int>();

        // Each call registers its waiter before it returns (the first await is the semaphore's), so the
        // calls arrive in loop order.
        var waiters = Enumerable.Range(0, 10).Select(AdmitAndRecordAsync).ToList();

        holder.Dispose();
        await Task.WhenAll(waiters);

        Assert.Equal(Enumerable.Range(0, 10), order);

        async Task AdmitAndRecordAsync(int n)
        {
            using (await admission.EnterAsync(1, CancellationToken.None))
            {
                lock (order)
                {
                    order.Add(n);
                }
            }
        }
    }

    [Fact]
    public async Task EnterAsync_WhenAWaiterGivesUp_ShouldNotLoseOrLeakAPermit()
    {
        var admission = new EventAdmission(1);
        var holder = await admission.EnterAsync(1, CancellationToken.None);
        using var giveUp = new CancellationTokenSource();
        var quitter = admission.EnterAsync(1, giveUp.Token);

        await giveUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => quitter);
        holder.Dispose();

        Assert.Equal(0, admission.ActiveEvents);
        using var next = await admission.EnterAsync(1, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task EnterAsync_WhenTheTurnDoesNotComeInTime_ShouldAnswerBusyAndLeaveNothingBehind()
    {
        var admission = new EventAdmission(1, TimeSpan.FromMilliseconds(50));
        var holder = await admission.EnterAsync(1, CancellationToken.None);

        var busy = await Assert.ThrowsAsync<ServiceBusyException>(() => admission.EnterAsync(1, CancellationToken.None));

        Assert.Equal(TimeSpan.FromSeconds(1), busy.RetryAfter);
        holder.Dispose();
        Assert.Equal(0, admission.ActiveEvents);
    }

    [Fact]
    public async Task Lease_DisposedTwice_ShouldReleaseOnce()
    {
        var admission = new EventAdmission(1);
        var lease = await admission.EnterAsync(1, CancellationToken.None);
        using var other = await admission.EnterAsync(2, CancellationToken.None);

        lease.Dispose();
        lease.Dispose();

        using var again = await admission.EnterAsync(1, CancellationToken.None);
        var second = admission.EnterAsync(1, CancellationToken.None);
        Assert.False(second.IsCompleted);
        again.Dispose();
        (await second).Dispose();
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while (value > (current = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
