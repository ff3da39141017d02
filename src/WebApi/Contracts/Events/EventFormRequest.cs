using System.ComponentModel;
using Microsoft.AspNetCore.Http;

namespace EventBooking.WebApi.Contracts.Events;

/// <summary>
/// The multipart/form-data body of create and update, as the old server took it (documented for
/// OpenAPI; read by <see cref="EventRequestReader"/>). <c>eventDate</c> must carry a zone.
/// </summary>
public sealed record EventFormRequest(
    string? Name,
    string? Description,
    string? EventDate,
    string? SeatCapacity,
    IFormFile? ImageFile,
    [property: Description("Update only: true removes the description (an empty description leaves it unchanged).")] string? RemoveDescription,
    [property: Description("Update only: true removes the image (not together with imageFile).")] string? RemoveImage);
