namespace EventBooking.WebApi.Contracts.Events;

/// <summary>
/// The JSON body of create and update (ours: the old server took multipart only). On update every
/// field is optional; a missing or empty one means "no change". Fields like <c>availableSeats</c> or
/// <c>createdBy</c> are ignored: there is no property for them.
/// </summary>
public sealed record EventJsonRequest(string? Name, string? Description, DateTime? EventDate, int? SeatCapacity);
