using System.Security.Cryptography;
using EventBooking.Application.Events;
using EventBooking.Domain.Events;
using Microsoft.EntityFrameworkCore;

namespace EventBooking.Infrastructure.Persistence;

internal sealed class EventImageStore(EventBookingDbContext db) : IEventImageStore
{
    public async Task<string> SaveAsync(int eventId, EventImage image, CancellationToken cancellationToken)
    {
        var version = Convert.ToHexStringLower(SHA256.HashData(image.Content))[..16];
        // Runs on the DbContext's connection, so it joins the caller's transaction.
        await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO event_images (event_id, content_type, content, version, updated_at)
            VALUES ({eventId}, {image.ContentType}, {image.Content}, {version}, timezone('utc', now()))
            ON CONFLICT (event_id) DO UPDATE
            SET content_type = EXCLUDED.content_type, content = EXCLUDED.content,
                version = EXCLUDED.version, updated_at = EXCLUDED.updated_at
            """,
            cancellationToken);
        return version;
    }

    public async Task DeleteAsync(int eventId, CancellationToken cancellationToken) =>
        await db.Database.ExecuteSqlAsync($"DELETE FROM event_images WHERE event_id = {eventId}", cancellationToken);
}
