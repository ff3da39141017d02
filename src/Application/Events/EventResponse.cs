namespace EventBooking.Application.Events;

/// <summary>The contract's Event. <see cref="Creator"/> is null (left out) when the creator no longer exists.</summary>
public sealed record EventResponse(
    int Id,
    string Name,
    string? Description,
    string? ImageUrl,
    DateTime EventDate,
    int SeatCapacity,
    int AvailableSeats,
    int? CreatedBy,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    CreatorResponse? Creator);

/// <summary><c>{id, name, email}</c>; <see cref="Email"/> only for admin callers (null, left out, otherwise).</summary>
public sealed record CreatorResponse(int Id, string Name, string? Email);
