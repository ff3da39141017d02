using EventBooking.Application.Common.Interfaces;
using EventBooking.Domain.Bookings;
using EventBooking.Domain.Common;
using EventBooking.Domain.Events;
using MediatR;

namespace EventBooking.Application.Bookings.Queries.ExportEventAttendees;

internal sealed class ExportEventAttendeesQueryHandler(IEventRepository events, IBookingReadService bookingReads, ICurrentUser currentUser)
    : IRequestHandler<ExportEventAttendeesQuery, Result<AttendeeExport>>
{
    public async Task<Result<AttendeeExport>> Handle(ExportEventAttendeesQuery query, CancellationToken cancellationToken)
    {
        var target = await events.GetAsync(query.EventId, cancellationToken);
        if (target is null)
        {
            return EventErrors.NotFound;
        }

        // Same rule as the event's booking list: its creator or an admin.
        return target.CanBeManagedBy(currentUser.Id, currentUser.IsAdmin)
            ? new AttendeeExport(target.Id, bookingReads.StreamAttendees(target.Id))
            : BookingErrors.NotAllowedToListEventBookings;
    }
}
