namespace EventBooking.Domain.Common;

/// <summary>Who asks for a change: a user id and whether that user is an admin (read from the database per request).</summary>
public sealed record Actor(int UserId, bool IsAdmin)
{
    /// <summary>The owner of something, or any admin.</summary>
    public bool IsOwnerOrAdmin(int ownerId) => IsAdmin || UserId == ownerId;
}
