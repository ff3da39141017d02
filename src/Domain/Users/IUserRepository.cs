namespace EventBooking.Domain.Users;

/// <summary>Loads and stores <see cref="User"/> aggregates for writes. Reads for responses go through read services.</summary>
public interface IUserRepository
{
    Task<User?> GetByIdAsync(int id, CancellationToken cancellationToken);

    /// <summary>Looks a user up by an email already normalised with <see cref="User.NormalizeEmail"/>.</summary>
    Task<User?> GetByEmailAsync(string normalizedEmail, CancellationToken cancellationToken);

    Task<bool> EmailExistsAsync(string normalizedEmail, CancellationToken cancellationToken);

    /// <summary>
    /// Stores a new user at once. Returns false, storing nothing, when the email is taken, also when
    /// another request registered it a moment earlier (the unique constraint decides).
    /// </summary>
    Task<bool> TryAddAsync(User user, CancellationToken cancellationToken);

    /// <summary>Counts the admins and locks their rows until the current transaction ends.</summary>
    Task<int> CountAdminsForUpdateAsync(CancellationToken cancellationToken);
}
