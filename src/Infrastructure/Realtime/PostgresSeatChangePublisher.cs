using EventBooking.Application.Realtime;
using EventBooking.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace EventBooking.Infrastructure.Realtime;

/// <summary>
/// NOTIFY on the seat-change channel, on the DbContext's connection so it joins the caller's transaction:
/// every listening instance, this one included, receives it when that transaction commits.
/// </summary>
internal sealed class PostgresSeatChangePublisher(EventBookingDbContext db) : ISeatChangePublisher
{
    public async Task PublishAsync(SeatChange change, CancellationToken cancellationToken) =>
        await db.Database.ExecuteSqlAsync(
            $"SELECT pg_notify({SeatChangeChannel.Name}, {SeatChangeChannel.Serialize(change)})", cancellationToken);
}
