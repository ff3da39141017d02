using Microsoft.AspNetCore.Http;

namespace EventBooking.WebApi.Contracts.Events;

/// <summary>
/// The multipart/form-data body of create and update, as the old server took it (documented for
/// OpenAPI; read by <see cref="EventRequestReader"/>). <c>eventDate</c> must carry a zone.
/// </summary>
public sealed record EventFormRequest(string? Name, string? Description, string? EventDate, string? SeatCapacity, IFormFile? ImageFile);
