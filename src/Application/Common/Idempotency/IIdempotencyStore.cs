namespace EventBooking.Application.Common.Idempotency;

/// <summary>
/// Remembers requests made with an <c>Idempotency-Key</c> (per user) and their answers, in PostgreSQL so
/// every API instance sees them. A key lives for <see cref="Lifetime"/>.
/// </summary>
public interface IIdempotencyStore
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    /// <summary>
    /// Claims the key for a request with this body hash, or says why not: the same key is in progress,
    /// was completed (with its stored answer), or was used with a different body.
    /// </summary>
    Task<IdempotencyClaim> ClaimAsync(int userId, string key, string requestHash, CancellationToken cancellationToken);

    /// <summary>Stores the answer to replay for the rest of the key's life.</summary>
    Task CompleteAsync(int userId, string key, int statusCode, string responseBody, CancellationToken cancellationToken);

    /// <summary>Forgets a claimed key whose request failed for a reason worth retrying (5xx, exception).</summary>
    Task ReleaseAsync(int userId, string key, CancellationToken cancellationToken);
}

public enum IdempotencyClaimState
{
    Claimed,
    InProgress,
    Completed,
    DifferentRequest,
}

public sealed record IdempotencyClaim(IdempotencyClaimState State, int StatusCode = 0, string? ResponseBody = null);
