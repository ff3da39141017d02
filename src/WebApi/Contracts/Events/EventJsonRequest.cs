using System.ComponentModel;

namespace EventBooking.WebApi.Contracts.Events;

/// <summary>
/// The JSON body of create and update (ours: the old server took multipart only). On update every
/// field is optional; a missing or empty one means "no change". Fields like <c>availableSeats</c> or
/// <c>createdBy</c> are ignored: there is no property for them.
/// </summary>
public sealed record EventJsonRequest(
    string? Name,
    [property: Description("On update, an explicit null removes the description; absent or empty leaves it unchanged.")] string? Description,
    DateTime? EventDate,
    int? SeatCapacity,
    [property: Description("Update only, and only null: removes the event's image (upload one with multipart/form-data).")] string? ImageUrl = null);
