using EventBooking.Domain.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EventBooking.Infrastructure.Persistence.Configurations;

internal sealed class EventImageRecordConfiguration : IEntityTypeConfiguration<EventImageRecord>
{
    public void Configure(EntityTypeBuilder<EventImageRecord> builder)
    {
        builder.ToTable("event_images");
        builder.HasKey(i => i.EventId).HasName("event_images_pkey");
        builder.Property(i => i.EventId).ValueGeneratedNever();
        builder.Property(i => i.ContentType).HasMaxLength(50);
        builder.Property(i => i.Content).HasColumnType("bytea");
        builder.Property(i => i.Version).HasMaxLength(64);
        builder.Property(i => i.UpdatedAt).HasDefaultValueSql("now()");

        builder.HasOne<Event>()
            .WithOne()
            .HasForeignKey<EventImageRecord>(i => i.EventId)
            .HasConstraintName("event_images_event_id_events_id_fk")
            .OnDelete(DeleteBehavior.Cascade);
    }
}
