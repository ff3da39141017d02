namespace EventBooking.Application.Events;

public sealed record EventListResponse(IReadOnlyList<EventResponse> Events, int Total, bool HasMore);
