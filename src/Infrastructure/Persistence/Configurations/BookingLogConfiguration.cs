using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EventBooking.Infrastructure.Persistence.Configurations;

internal sealed class BookingLogConfiguration : IEntityTypeConfiguration<BookingLog>
{
    public void Configure(EntityTypeBuilder<BookingLog> builder)
    {
        // No foreign keys on purpose: audit rows outlive the bookings, events and users they describe.
        builder.ToTable("booking_logs");
        builder.HasKey(l => l.Id).HasName("booking_logs_pkey");

        builder.Property(l => l.BookingId).HasMaxLength(50);
        builder.Property(l => l.Action).HasMaxLength(20);
        builder.Property(l => l.Details).HasColumnType("jsonb");
        builder.Property(l => l.Timestamp).HasDefaultValueSql("now()");

        builder.HasIndex(l => l.BookingId).HasDatabaseName("idx_booking_logs_booking_id");
        builder.HasIndex(l => l.Action).HasDatabaseName("idx_booking_logs_action");
        builder.HasIndex(l => l.Timestamp).HasDatabaseName("idx_booking_logs_timestamp");
        builder.HasIndex(l => new { l.UserId, l.EventId }).HasDatabaseName("idx_booking_logs_user_event");
    }
}
