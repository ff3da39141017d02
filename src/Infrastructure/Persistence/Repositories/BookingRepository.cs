using EventBooking.Domain.Bookings;
using Microsoft.EntityFrameworkCore;

namespace EventBooking.Infrastructure.Persistence.Repositories;

internal sealed class BookingRepository(EventBookingDbContext db) : IBookingRepository
{
    public Task<BookingWithEventDate?> FindWithEventDateAsync(string bookingId, CancellationToken cancellationToken) =>
        (from booking in db.Bookings.AsNoTracking().Include(b => b.CheckIn)
         join bookedEvent in db.Events on booking.EventId equals bookedEvent.Id
         where booking.BookingId == bookingId
         select new BookingWithEventDate(booking, bookedEvent.EventDate))
        .FirstOrDefaultAsync(cancellationToken);

    public Task<BookingForTicket?> FindForTicketAsync(string bookingId, CancellationToken cancellationToken) =>
        (from booking in db.Bookings.AsNoTracking().Include(b => b.CheckIn)
         join bookedEvent in db.Events on booking.EventId equals bookedEvent.Id
         join holder in db.Users on booking.UserId equals holder.Id
         where booking.BookingId == bookingId
         select new BookingForTicket(booking, bookedEvent.Name, bookedEvent.EventDate, holder.Name))
        .FirstOrDefaultAsync(cancellationToken);
}
