using Microsoft.EntityFrameworkCore;

namespace EventBooking.ArchitectureTests.Fixtures.PersistenceInWebApi.Http;

/// <summary>
/// Planted violation: named like the composition root but in a sub-namespace, so it is not one; the EF
/// Core type appears only in a lambda, which the compiler nests in a closure class.
/// </summary>
internal static class DependencyInjection
{
    public static Func<Exception, bool> IsConflict { get; } = exception => exception is DbUpdateConcurrencyException;
}
