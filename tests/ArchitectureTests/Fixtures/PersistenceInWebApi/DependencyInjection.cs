using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace EventBooking.ArchitectureTests.Fixtures.PersistenceInWebApi;

/// <summary>Control: the composition root may name Npgsql, here inside a lambda the compiler nests in this type.</summary>
internal static class DependencyInjection
{
    public static IServiceCollection AddDatabase(this IServiceCollection services, string connectionString) =>
        services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
}
