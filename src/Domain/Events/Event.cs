using EventBooking.Domain.Common;

namespace EventBooking.Domain.Events;

/// <summary>
/// An event with a seat capacity. It guards its own invariants (capacity 1..10000, available seats
/// between 0 and capacity, a new event dated in the future); the database constraints
/// <c>check_seat_capacity</c> and <c>check_available_seats</c> back them up.
/// </summary>
public sealed class Event
{
    public const int MaxNameLength = 255;
    public const int MaxDescriptionLength = 1000;
    public const int MinSeatCapacity = 1;
    public const int MaxSeatCapacity = 10_000;

    private Event()
    {
    }

    public int Id { get; private set; }

    public string Name { get; private set; } = string.Empty;

    public string? Description { get; private set; }

    public string? ImageUrl { get; private set; }

    public DateTime EventDate { get; private set; }

    public int SeatCapacity { get; private set; }

    public int AvailableSeats { get; private set; }

    /// <summary>The creating user; null once that user has been deleted.</summary>
    public int? CreatedBy { get; private set; }

    public DateTime CreatedAt { get; private set; }

    /// <summary>Maintained by the database on every update.</summary>
    public DateTime UpdatedAt { get; private set; }

    public static Result<Event> Schedule(
        string name, string? description, DateTime eventDate, int seatCapacity, int createdBy, DateTime now)
    {
        var trimmedName = name.Trim();
        if (trimmedName.Length is 0 or > MaxNameLength)
        {
            return EventErrors.InvalidName;
        }

        if (description is { Length: > MaxDescriptionLength })
        {
            return EventErrors.DescriptionTooLong;
        }

        if (seatCapacity is < MinSeatCapacity or > MaxSeatCapacity)
        {
            return EventErrors.InvalidSeatCapacity;
        }

        if (eventDate <= now)
        {
            return EventErrors.DateNotInFuture;
        }

        return new Event
        {
            Name = trimmedName,
            Description = description,
            EventDate = eventDate,
            SeatCapacity = seatCapacity,
            AvailableSeats = seatCapacity,
            CreatedBy = createdBy,
            CreatedAt = now,
            UpdatedAt = now,
        };
    }

    public bool HasStarted(DateTime now) => EventDate <= now;

    /// <summary>The creator or any admin may change or delete the event.</summary>
    public bool CanBeManagedBy(Actor actor) => actor.IsAdmin || CreatedBy == actor.UserId;

    /// <summary>
    /// Applies a partial update: a null argument means "no change", and <paramref name="clearDescription"/> removes the
    /// description (an event may have none). Name, description and date change here; a new
    /// capacity comes back as a <see cref="CapacityChange"/> for the seat ledger, which alone writes seat counts.
    /// It is judged against the number of confirmed bookings, which the caller reads under this event's row lock so
    /// that no booking can slip in between the check and the write.
    /// </summary>
    public Result<CapacityChange?> Update(
        string? name, string? description, DateTime? eventDate, int? seatCapacity, int confirmedBookings, DateTime now, bool clearDescription = false)
    {
        if (HasStarted(now))
        {
            return EventErrors.AlreadyStarted;
        }

        var newName = name?.Trim();
        if (newName is { Length: 0 or > MaxNameLength })
        {
            return EventErrors.InvalidName;
        }

        if (description is { Length: > MaxDescriptionLength })
        {
            return EventErrors.DescriptionTooLong;
        }

        if (eventDate is { } date && date <= now)
        {
            return EventErrors.DateNotInFuture;
        }

        if (seatCapacity is < MinSeatCapacity or > MaxSeatCapacity)
        {
            return EventErrors.InvalidSeatCapacity;
        }

        if (seatCapacity is { } capacity && capacity < confirmedBookings)
        {
            return EventErrors.CapacityBelowConfirmedBookings(confirmedBookings);
        }

        Name = newName ?? Name;
        Description = clearDescription ? null : description ?? Description;
        EventDate = eventDate ?? EventDate;
        return Result<CapacityChange?>.Success(seatCapacity is { } newCapacity ? new CapacityChange(Id, newCapacity) : null);
    }

    /// <summary>Points the event at its (new) image.</summary>
    public void SetImageUrl(string imageUrl) => ImageUrl = imageUrl;

    /// <summary>The event has no image any more.</summary>
    public void RemoveImage() => ImageUrl = null;

    /// <summary>An event with confirmed bookings cannot be deleted; cancelled ones go with it.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage(
        "Performance", "CA1822", Justification = "A rule of this aggregate, asked of an instance like its others.")]
    public Result EnsureCanBeDeleted(int confirmedBookings) =>
        confirmedBookings > 0 ? EventErrors.HasBookings : Result.Success();

    /// <summary>This event as it is now, immutable (what bookings are judged against).</summary>
    public EventSnapshot ToSnapshot() => new(Id, Name, EventDate, SeatCapacity, AvailableSeats, CreatedBy);
}
