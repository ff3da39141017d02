namespace EventBooking.Application.Waitlist;

/// <summary>
/// The caller's place on an event's waiting list. <see cref="Position"/> (1 = next to be offered) only while
/// waiting; <see cref="OfferExpiresAt"/> only while an offer is pending.
/// </summary>
public sealed record WaitlistEntryResponse(
    long Id, int EventId, string Status, int? Position, DateTime JoinedAt, DateTime? OfferExpiresAt, string? BookingId)
{
    /// <summary>The entry's audit trail, oldest first (only in <c>GET .../waitlist/me</c>).</summary>
    public IReadOnlyList<WaitlistHistoryItem>? History { get; init; }
}

/// <summary>One transition of an entry: <c>joined</c>, <c>offered</c>, <c>accepted</c>, <c>expired</c>, <c>declined</c> or <c>left</c>.</summary>
public sealed record WaitlistHistoryItem(string Action, int? ActorId, string? Details, DateTime Timestamp);

/// <summary>One entry of an event's list, for its creator or an admin.</summary>
public sealed record WaitlistAdminItem(
    long Id, int UserId, string UserName, string UserEmail, string Status, int? Position, DateTime JoinedAt,
    DateTime? OfferedAt, DateTime? OfferExpiresAt, DateTime? ResolvedAt, string? BookingId);

/// <summary>An event's waiting list, in queue order (live entries first, then the rest by join time).</summary>
public sealed record EventWaitlistResponse(int EventId, IReadOnlyList<WaitlistAdminItem> Entries, int Total, bool HasMore);
