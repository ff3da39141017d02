using EventBooking.Application.Common.Interfaces;
using EventBooking.Infrastructure.Persistence;
using EventBooking.Infrastructure.Persistence.Seeding;
using EventBooking.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace EventBooking.Infrastructure;

public static class DependencyInjection
{
    public const string ConnectionStringName = "Default";

    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                "ConnectionStrings__Default is not set. Point it at a PostgreSQL database, or start the API "
                + "with build/run.sh, which provisions a local one.");
        }

        services.AddSingleton(_ => new NpgsqlDataSourceBuilder(PostgresOptions.Normalize(connectionString)).Build());
        services.AddDbContext<EventBookingDbContext>((sp, options) =>
            PostgresOptions.Configure(options, sp.GetRequiredService<NpgsqlDataSource>()));

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IPasswordHasher, BcryptPasswordHasher>();
        services.AddScoped<IDatabaseMaintenance, DatabaseMaintenance>();
        services.AddScoped<DatabaseSeeder>();

        return services;
    }
}
