namespace EventBooking.Infrastructure.Persistence;

/// <summary>A row of <c>idempotency_keys</c>: one remembered request per user and key.</summary>
public sealed class IdempotencyKeyRecord
{
    private IdempotencyKeyRecord()
    {
    }

    public int UserId { get; private set; }

    public string Key { get; private set; } = string.Empty;

    public string RequestHash { get; private set; } = string.Empty;

    /// <summary><c>in_progress</c> or <c>completed</c>.</summary>
    public string Status { get; private set; } = string.Empty;

    public int? ResponseStatus { get; private set; }

    public string? ResponseBody { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public DateTime ExpiresAt { get; private set; }

    /// <summary>
    /// The <see cref="InstanceLease.Id"/> of the instance running the request while it is in progress (null when it had
    /// no lease): when that lease is gone, the instance died and the key may be taken over at once.
    /// </summary>
    public int? OwnerInstance { get; private set; }
}
