using EventBooking.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EventBooking.Infrastructure.Persistence.Configurations;

internal sealed class IdempotencyKeyRecordConfiguration : IEntityTypeConfiguration<IdempotencyKeyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyKeyRecord> builder)
    {
        builder.ToTable("idempotency_keys");
        builder.HasKey(k => new { k.UserId, k.Key }).HasName("idempotency_keys_pkey");
        builder.Property(k => k.Key).HasMaxLength(100);
        builder.Property(k => k.RequestHash).HasMaxLength(64);
        builder.Property(k => k.Status).HasMaxLength(20);
        builder.Property(k => k.ResponseBody).HasColumnType("text");
        builder.HasIndex(k => k.ExpiresAt).HasDatabaseName("idx_idempotency_keys_expires_at");

        builder.HasOne<User>()
            .WithMany()
            .HasForeignKey(k => k.UserId)
            .HasConstraintName("idempotency_keys_user_id_users_id_fk")
            .OnDelete(DeleteBehavior.Cascade);
    }
}
