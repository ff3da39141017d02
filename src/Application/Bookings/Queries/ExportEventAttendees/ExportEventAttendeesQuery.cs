using EventBooking.Domain.Common;
using MediatR;

namespace EventBooking.Application.Bookings.Queries.ExportEventAttendees;

/// <summary>An event's attendee list for export, for its creator or an admin.</summary>
public sealed record ExportEventAttendeesQuery(int EventId) : IRequest<Result<AttendeeExport>>;
