namespace EventBooking.Infrastructure.Persistence;

/// <summary>
/// One row of the immutable audit log <c>booking_logs</c>. Rows are written only by the stored
/// functions and never updated or deleted (a trigger refuses both), so this type is read-only.
/// </summary>
public sealed class BookingLog
{
    private BookingLog()
    {
    }

    public int Id { get; private set; }

    public string BookingId { get; private set; } = string.Empty;

    /// <summary><c>created</c> or <c>cancelled</c>.</summary>
    public string Action { get; private set; } = string.Empty;

    /// <summary>The user who performed the action (the admin when an admin cancels).</summary>
    public int? UserId { get; private set; }

    public int? EventId { get; private set; }

    /// <summary>JSON, e.g. <c>{"seats_remaining": 499}</c>.</summary>
    public string? Details { get; private set; }

    public DateTime Timestamp { get; private set; }
}
