using EventBooking.Domain.Common;

namespace EventBooking.Domain.Events;

/// <summary>The named rule failures of <see cref="Event"/>, with the contract's messages.</summary>
public static class EventErrors
{
    public static readonly Error NotFound = Error.NotFound("Event not found");

    public static readonly Error InvalidName =
        FieldError("name", $"Name must be between 1 and {Event.MaxNameLength} characters");

    public static readonly Error DescriptionTooLong =
        FieldError("description", $"Description must be at most {Event.MaxDescriptionLength} characters");

    public static readonly Error InvalidSeatCapacity =
        FieldError("seatCapacity", $"Seat capacity must be between {Event.MinSeatCapacity} and {Event.MaxSeatCapacity}");

    public static readonly Error DateNotInFuture = FieldError("eventDate", "Event date must be in the future");

    public static readonly Error AlreadyStarted = Error.Conflict("Cannot update an event that has already started");

    public static readonly Error HasBookings = Error.Conflict("Cannot delete events with existing bookings");

    public static readonly Error NotAllowedToUpdate = Error.Forbidden("You don't have permission to update this event");

    public static readonly Error NotAllowedToDelete = Error.Forbidden("You don't have permission to delete this event");

    public static readonly Error InvalidImageType = new(
        "INVALID_FILE_TYPE", "Only JPEG, PNG, GIF and WebP images are allowed", ErrorType.Validation);

    public static readonly Error ImageTooLarge = new(
        "FILE_TOO_LARGE", $"Image must be at most {EventImage.MaxBytes / (1024 * 1024)} MiB", ErrorType.PayloadTooLarge);

    private static Error FieldError(string field, string message) => Error.Validation(message, [new ErrorDetail(field, message)]);

    public static Error CapacityBelowConfirmedBookings(int confirmed) =>
        Error.Conflict($"Seat capacity cannot be less than the number of confirmed bookings ({confirmed})");

    public static readonly Error CannotBookPastEvent = Error.Conflict("Cannot book past events", "BOOKING_CONFLICT");

    public static readonly Error NoSeatsAvailable =
        Error.Conflict("No seats available for this event", "BOOKING_CONFLICT");
}
