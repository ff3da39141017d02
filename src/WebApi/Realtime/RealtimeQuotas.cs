using Microsoft.Extensions.Options;

namespace EventBooking.WebApi.Realtime;

/// <summary>
/// What one user and one socket may hold on this instance: open sockets per user (more tabs get 429)
/// and events followed per socket (<see cref="RealtimeOptions"/>).
/// </summary>
internal sealed class RealtimeQuotas(IOptions<RealtimeOptions> options)
{
    private readonly Dictionary<int, int> _connectionsPerUser = [];
    private readonly Lock _userSlots = new();

    public int MaxSubscriptionsPerConnection => options.Value.MaxSubscriptionsPerConnection;

    /// <summary>Takes one of the user's connection slots; false when all are in use.</summary>
    public bool TryOpenConnection(int userId)
    {
        lock (_userSlots)
        {
            var open = _connectionsPerUser.GetValueOrDefault(userId);
            if (open >= options.Value.MaxConnectionsPerUser)
            {
                return false;
            }

            _connectionsPerUser[userId] = open + 1;
            return true;
        }
    }

    /// <summary>Gives back a slot taken by <see cref="TryOpenConnection"/>.</summary>
    public void CloseConnection(int userId)
    {
        lock (_userSlots)
        {
            var open = _connectionsPerUser.GetValueOrDefault(userId) - 1;
            if (open <= 0)
            {
                _connectionsPerUser.Remove(userId);
            }
            else
            {
                _connectionsPerUser[userId] = open;
            }
        }
    }

    /// <summary>Following an event again is always allowed; a new one only below the per-connection limit.</summary>
    public bool AllowsSubscription(IReadOnlySet<int> following, int eventId) =>
        following.Contains(eventId) || following.Count < options.Value.MaxSubscriptionsPerConnection;
}
