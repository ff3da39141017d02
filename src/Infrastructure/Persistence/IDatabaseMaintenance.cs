namespace EventBooking.Infrastructure.Persistence;

/// <summary>The operator commands <c>migrate</c>, <c>seed</c> and <c>reset</c>, used by the composition root and tests.</summary>
public interface IDatabaseMaintenance
{
    /// <summary>Applies every pending migration; a no-op on an up-to-date database. Creates the database if needed.</summary>
    Task MigrateAsync(CancellationToken cancellationToken = default);

    /// <summary>Loads the seed data of contract section 7; running it twice duplicates nothing.</summary>
    Task SeedAsync(CancellationToken cancellationToken = default);

    /// <summary>Deletes all data (keeping the schema) and loads the seed data again.</summary>
    Task ResetAsync(CancellationToken cancellationToken = default);
}
