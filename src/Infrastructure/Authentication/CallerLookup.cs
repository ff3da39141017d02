using EventBooking.Application.Auth;
using EventBooking.Infrastructure.Concurrency;

namespace EventBooking.Infrastructure.Authentication;

/// <summary>
/// The per-request caller check: the user as the database has it now, read after this call began, in one query
/// with the concurrent requests' checks (<see cref="CoalescingLookup{TKey, TValue}"/>, docs/adr/0013).
/// </summary>
internal sealed class CallerLookup(CoalescingLookup<int, CallerIdentity> callers) : ICallerLookup
{
    public Task<CallerIdentity?> FindAsync(int userId, CancellationToken cancellationToken) => callers.ReadAsync(userId, cancellationToken);
}
