namespace EventBooking.WebApi.Contracts.Events;

/// <summary>
/// Create/update fields as read from either body format; null means "not given". <see cref="ClearDescription"/>: the
/// description was sent empty; <see cref="RemoveImage"/>: <c>removeImage</c> was true (both mean something on update only).
/// </summary>
internal sealed record EventInput(
    string? Name, string? Description, DateTime? EventDate, int? SeatCapacity, byte[]? Image, bool ClearDescription, bool RemoveImage);
