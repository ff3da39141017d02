namespace EventBooking.WebApi.Contracts.Events;

/// <summary>Create/update fields as read from either body format; null means "not given".</summary>
internal sealed record EventInput(string? Name, string? Description, DateTime? EventDate, int? SeatCapacity, byte[]? Image);
