using EventBooking.WebApi.Realtime;
using Microsoft.Extensions.Options;

namespace EventBooking.WebApi.IntegrationTests.Realtime;

/// <summary>The per-user connection and per-socket subscription limits, without sockets.</summary>
public sealed class RealtimeQuotasTests
{
    private readonly RealtimeQuotas _quotas = new(Options.Create(new RealtimeOptions
    {
        MaxConnectionsPerUser = 2,
        MaxSubscriptionsPerConnection = 2,
    }));

    [Fact]
    public void TryOpenConnection_WhenTheUserHoldsTheMaximum_ShouldRefuse()
    {
        Assert.True(_quotas.TryOpenConnection(7));
        Assert.True(_quotas.TryOpenConnection(7));

        Assert.False(_quotas.TryOpenConnection(7));
    }

    [Fact]
    public void TryOpenConnection_WhenAnotherUserHoldsTheMaximum_ShouldAllow()
    {
        _quotas.TryOpenConnection(7);
        _quotas.TryOpenConnection(7);

        Assert.True(_quotas.TryOpenConnection(8));
    }

    [Fact]
    public void TryOpenConnection_WhenAConnectionWasClosed_ShouldAllowOneMore()
    {
        _quotas.TryOpenConnection(7);
        _quotas.TryOpenConnection(7);

        _quotas.CloseConnection(7);

        Assert.True(_quotas.TryOpenConnection(7));
        Assert.False(_quotas.TryOpenConnection(7));
    }

    [Fact]
    public void TryOpenConnection_WhenManyRaceForTheSlots_ShouldGrantExactlyTheMaximum()
    {
        var granted = 0;

        Parallel.For(0, 64, _ =>
        {
            if (_quotas.TryOpenConnection(7))
            {
                Interlocked.Increment(ref granted);
            }
        });

        Assert.Equal(2, granted);
    }

    [Fact]
    public void AllowsSubscription_WhenBelowTheLimit_ShouldAllowANewEvent() =>
        Assert.True(_quotas.AllowsSubscription(new HashSet<int> { 1 }, eventId: 2));

    [Fact]
    public void AllowsSubscription_WhenAtTheLimit_ShouldRefuseANewEvent() =>
        Assert.False(_quotas.AllowsSubscription(new HashSet<int> { 1, 2 }, eventId: 3));

    [Fact]
    public void AllowsSubscription_WhenAtTheLimitAndTheEventIsAlreadyFollowed_ShouldAllow() =>
        Assert.True(_quotas.AllowsSubscription(new HashSet<int> { 1, 2 }, eventId: 2));
}
