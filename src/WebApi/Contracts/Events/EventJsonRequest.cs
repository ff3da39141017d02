using System.ComponentModel;
using System.Text.Json.Serialization;

namespace EventBooking.WebApi.Contracts.Events;

/// <summary>
/// The JSON body of create and update (ours: the old server took multipart only). On update every
/// field is optional; a missing or empty one means "no change". Fields like <c>availableSeats</c> or
/// <c>createdBy</c> are ignored: there is no property for them.
/// </summary>
public sealed record EventJsonRequest(
    string? Name,
    [property: Description("Absent, null or empty leaves the description unchanged on update; removeDescription removes it.")] string? Description,
    DateTime? EventDate,
    int? SeatCapacity,
    [property: Description("Update only: true removes the description."), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    bool? RemoveDescription = null,
    [property: Description("Update only: true removes the image (upload one with multipart/form-data)."), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    bool? RemoveImage = null);
