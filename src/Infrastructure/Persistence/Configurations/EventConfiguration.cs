using EventBooking.Domain.Events;
using EventBooking.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EventBooking.Infrastructure.Persistence.Configurations;

internal sealed class EventConfiguration : IEntityTypeConfiguration<Event>
{
    public void Configure(EntityTypeBuilder<Event> builder)
    {
        builder.ToTable("events", t =>
        {
            t.HasCheckConstraint("check_seat_capacity", "seat_capacity > 0");
            t.HasCheckConstraint(
                "check_available_seats", "available_seats >= 0 AND available_seats <= seat_capacity");
        });
        builder.HasKey(e => e.Id).HasName("events_pkey");

        builder.Property(e => e.Name).HasMaxLength(Event.MaxNameLength);
        builder.Property(e => e.Description).HasColumnType("text");
        builder.Property(e => e.ImageUrl).HasColumnType("text");
        builder.Property(e => e.CreatedAt).HasDefaultValueSql("now()");
        // Written with CreatedAt on insert (one clock); stamped by the set_updated_at trigger on every update.
        builder.Property(e => e.UpdatedAt).HasDefaultValueSql("now()").ValueGeneratedOnUpdate();

        // Seat state is written by the seat ledger's functions only: EF writes the seats of a new event, and refuses
        // (throws) should an update ever try to change them.
        builder.Property(e => e.SeatCapacity).Metadata.SetAfterSaveBehavior(PropertySaveBehavior.Throw);
        builder.Property(e => e.AvailableSeats).Metadata.SetAfterSaveBehavior(PropertySaveBehavior.Throw);

        builder.HasOne<User>()
            .WithMany()
            .HasForeignKey(e => e.CreatedBy)
            .HasConstraintName("events_created_by_users_id_fk")
            .OnDelete(DeleteBehavior.SetNull);

        builder.HasIndex(e => e.EventDate).HasDatabaseName("idx_events_event_date");
        builder.HasIndex(e => e.AvailableSeats)
            .HasDatabaseName("idx_events_available_seats")
            .HasFilter("available_seats > 0");
        builder.HasIndex(e => e.CreatedBy).HasDatabaseName("idx_events_created_by");
    }
}
