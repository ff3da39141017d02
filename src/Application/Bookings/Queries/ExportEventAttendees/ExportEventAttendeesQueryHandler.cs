using EventBooking.Application.Common.Interfaces;
using EventBooking.Application.Events;
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
        // Same rule as the event's booking list: its creator or an admin.
        var target = await events.GetManagedAsync(query.EventId, currentUser, BookingErrors.NotAllowedToListEventBookings, cancellationToken);
        return target.IsFailure
            ? target.Error!
            : new AttendeeExport(target.Value.Id, bookingReads.StreamAttendees(target.Value.Id, cancellationToken));
    }
}
