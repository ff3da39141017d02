using EventBooking.Domain.Bookings;
using EventBooking.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EventBooking.Infrastructure.Persistence.Configurations;

/// <summary>
/// <c>check_ins</c>: at most one row per booking (its key), written and deleted only by the ledger's functions
/// <c>check_in_booking</c> and <c>undo_check_in</c>. The event id is repeated so counting an event's check-ins
/// needs no join, and has no foreign key on purpose: checking it would take a share lock on the event row while the
/// booking row is held, the reverse of the ledger's event-then-booking order (a deadlock with a cancellation), and
/// would make the door wait for the event's sales. The row goes with its booking, and the booking with its event.
/// </summary>
internal sealed class CheckInConfiguration : IEntityTypeConfiguration<CheckIn>
{
    public void Configure(EntityTypeBuilder<CheckIn> builder)
    {
        builder.ToTable("check_ins");
        builder.HasKey(c => c.BookingId).HasName("check_ins_pkey");
        builder.Property(c => c.BookingId).HasMaxLength(Booking.MaxBookingIdLength).ValueGeneratedNever();

        builder.HasOne<Booking>()
            .WithOne(b => b.CheckIn)
            .HasForeignKey<CheckIn>(c => c.BookingId)
            .HasPrincipalKey<Booking>(b => b.BookingId)
            .HasConstraintName("check_ins_booking_id_bookings_booking_id_fk")
            .OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<User>()
            .WithMany()
            .HasForeignKey(c => c.CheckedInBy)
            .HasConstraintName("check_ins_checked_in_by_users_id_fk")
            .OnDelete(DeleteBehavior.SetNull);

        builder.HasIndex(c => c.EventId).HasDatabaseName("idx_check_ins_event_id");
        builder.HasIndex(c => c.CheckedInBy).HasDatabaseName("idx_check_ins_checked_in_by");
    }
}
