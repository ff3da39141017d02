namespace EventBooking.Application.Events;

/// <summary>What <c>GET /api/events</c> can filter on; ordering is always event date, then id.</summary>
public sealed record EventListFilter(int Limit, int Offset, bool UpcomingOnly, string? Search, bool AvailableOnly, DateTime Now);
