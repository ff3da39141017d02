using EventBooking.Domain.Bookings;
using EventBooking.Domain.Events;
using EventBooking.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EventBooking.Infrastructure.Persistence.Configurations;

internal sealed class BookingConfiguration : IEntityTypeConfiguration<Booking>
{
    public void Configure(EntityTypeBuilder<Booking> builder)
    {
        builder.ToTable("bookings");
        builder.HasKey(b => b.Id).HasName("bookings_pkey");

        builder.Property(b => b.BookingId).HasMaxLength(Booking.MaxBookingIdLength);
        builder.HasAlternateKey(b => b.BookingId).HasName("bookings_booking_id_unique");
        builder.Property(b => b.Status)
            .HasMaxLength(20)
            .HasConversion(BookingStatusConverter.Instance)
            .HasDefaultValueSql("'confirmed'")
            .HasSentinel(BookingStatus.Confirmed); // 'confirmed' is the database default, so "not set" means confirmed.
        builder.Property(b => b.CreatedAt).HasDefaultValueSql("now()");

        // Who holds a booking and whether it is confirmed is seat state: the seat ledger's functions write it, and EF
        // refuses (throws) should an update ever try to.
        builder.Property(b => b.UserId).Metadata.SetAfterSaveBehavior(PropertySaveBehavior.Throw);
        builder.Property(b => b.Status).Metadata.SetAfterSaveBehavior(PropertySaveBehavior.Throw);
        builder.Property(b => b.CancelledAt).Metadata.SetAfterSaveBehavior(PropertySaveBehavior.Throw);

        builder.HasOne<User>()
            .WithMany()
            .HasForeignKey(b => b.UserId)
            .HasConstraintName("bookings_user_id_users_id_fk")
            .OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Event>()
            .WithMany()
            .HasForeignKey(b => b.EventId)
            .HasConstraintName("bookings_event_id_events_id_fk")
            .OnDelete(DeleteBehavior.Cascade);

        builder.HasIndex(b => b.UserId).HasDatabaseName("idx_bookings_user_id");
        builder.HasIndex(b => b.EventId).HasDatabaseName("idx_bookings_event_id");
        builder.HasIndex(b => b.Status).HasDatabaseName("idx_bookings_status");
        builder.HasIndex(b => b.CreatedAt).HasDatabaseName("idx_bookings_created_at");
        builder.HasIndex(b => new { b.UserId, b.EventId })
            .HasDatabaseName("bookings_user_event_confirmed_unique")
            .IsUnique()
            .HasFilter("status = 'confirmed'");
    }
}
