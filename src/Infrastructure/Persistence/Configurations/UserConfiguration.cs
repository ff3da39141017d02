using EventBooking.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EventBooking.Infrastructure.Persistence.Configurations;

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> builder)
    {
        builder.ToTable("users");
        builder.HasKey(u => u.Id).HasName("users_pkey");

        builder.Property(u => u.Email).HasMaxLength(User.MaxEmailLength);
        builder.HasAlternateKey(u => u.Email).HasName("users_email_unique");
        builder.Property(u => u.Name).HasMaxLength(User.MaxNameLength);
        builder.Property(u => u.PasswordHash).HasMaxLength(255);
        builder.Property(u => u.Role).HasMaxLength(50).HasDefaultValue(Roles.User);
        builder.Property(u => u.CreatedAt).HasDefaultValueSql("now()");
        // Written with CreatedAt on insert (one clock); stamped by the set_updated_at trigger on every update.
        builder.Property(u => u.UpdatedAt).HasDefaultValueSql("now()").ValueGeneratedOnUpdate();

        builder.Ignore(u => u.IsAdmin);

        builder.HasIndex(u => u.Email).HasDatabaseName("idx_users_email");
        builder.HasIndex(u => u.Role).HasDatabaseName("idx_users_role");
    }
}
