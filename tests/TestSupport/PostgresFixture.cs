using DotNet.Testcontainers.Builders;
using EventBooking.Infrastructure;
using EventBooking.Infrastructure.Persistence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Npgsql;
using Respawn;
using Testcontainers.PostgreSql;
using Xunit;

namespace EventBooking.TestSupport;

/// <summary>
/// A real PostgreSQL database for one test assembly. The server comes from <c>EVENTBOOKING_TEST_DB</c>
/// (set by build/test.sh, which starts a throwaway cluster) or, when that is not set, from a
/// Testcontainers container. Each test assembly gets a database of its own, named after
/// <paramref name="databaseSuffix"/>, because test assemblies run in parallel. The database is
/// recreated and migrated once per run; <see cref="ResetAsync"/> empties it between tests.
/// </summary>
public abstract class PostgresFixture(string databaseSuffix) : IAsyncLifetime
{
    public const string ConnectionStringVariable = "EVENTBOOKING_TEST_DB";

    private PostgreSqlContainer? _container;
    private Respawner? _respawner;
    private ServiceProvider? _services;

    /// <summary>A connection string for this assembly's migrated database.</summary>
    public string ConnectionString { get; private set; } = string.Empty;

    /// <summary>A connection string for the server's maintenance database, to create scratch databases.</summary>
    public string ServerConnectionString { get; private set; } = string.Empty;

    /// <summary>For raw SQL arrange and assert steps.</summary>
    public NpgsqlDataSource DataSource { get; private set; } = null!;

    /// <summary>The Infrastructure services (DbContext, repositories, maintenance) wired as in production.</summary>
    public IServiceProvider Services => _services ?? throw new InvalidOperationException("Fixture not initialised.");

    public async Task InitializeAsync()
    {
        var server = Environment.GetEnvironmentVariable(ConnectionStringVariable);
        if (string.IsNullOrWhiteSpace(server))
        {
            server = await StartContainerAsync();
        }

        var baseBuilder = new NpgsqlConnectionStringBuilder(server);
        var databaseName = $"{baseBuilder.Database ?? "eventbooking_test"}_{databaseSuffix}";
        ServerConnectionString = WithDatabase(server, "postgres");
        ConnectionString = WithDatabase(server, databaseName);

        await RecreateDatabaseAsync(databaseName);

        _services = BuildInfrastructure(ConnectionString);
        await using (var scope = _services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IDatabaseMaintenance>().MigrateAsync();
        }

        DataSource = NpgsqlDataSource.Create(ConnectionString);
        await using var connection = await DataSource.OpenConnectionAsync();
        _respawner = await Respawner.CreateAsync(connection, new RespawnerOptions
        {
            DbAdapter = DbAdapter.Postgres,
            SchemasToInclude = ["public"],
            TablesToIgnore = ["__EFMigrationsHistory"],
            WithReseed = true,
        });
    }

    /// <summary>Deletes every row (the schema stays) so each test starts from an empty database.</summary>
    public async Task ResetAsync()
    {
        await using var connection = await DataSource.OpenConnectionAsync();
        await _respawner!.ResetAsync(connection);
    }

    public async Task DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        if (DataSource is not null)
        {
            await DataSource.DisposeAsync();
        }

        NpgsqlConnection.ClearAllPools();
        if (_container is not null)
        {
            await _container.DisposeAsync();
        }
    }

    /// <summary>Wires Infrastructure as the API does, against the given database.</summary>
    public static ServiceProvider BuildInfrastructure(string connectionString)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                [$"ConnectionStrings:{Infrastructure.DependencyInjection.ConnectionStringName}"] = connectionString,
            })
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IHostEnvironment>(new HostingEnvironment
        {
            EnvironmentName = "Testing",
            ApplicationName = "EventBooking.Tests",
            ContentRootPath = AppContext.BaseDirectory,
        });
        // Infrastructure's one need from Application: the compiled mapping configuration.
        services.AddSingleton(Application.DependencyInjection.CreateMappingConfig());
        services.AddInfrastructure(configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    public static string WithDatabase(string connectionString, string database) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Database = database }.ConnectionString;

    /// <summary>
    /// A scratch database on the test server, created empty (dropping any leftover of the same name) and migrated as
    /// the API's migrate command does; its connection string. Drop it with <see cref="DropDatabaseAsync"/>.
    /// </summary>
    public async Task<string> CreateMigratedDatabaseAsync(string databaseName)
    {
        await RecreateDatabaseAsync(databaseName);
        var connectionString = WithDatabase(ServerConnectionString, databaseName);
        await MigrateAsync(connectionString);
        return connectionString;
    }

    /// <summary>Migrates the database at <paramref name="connectionString"/> as the API's migrate command does.</summary>
    public static async Task MigrateAsync(string connectionString)
    {
        await using var services = BuildInfrastructure(connectionString);
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IDatabaseMaintenance>().MigrateAsync();
    }

    /// <summary>Creates an empty database on the test server (dropping any leftover of the same name).</summary>
    public async Task RecreateDatabaseAsync(string databaseName)
    {
        await using var connection = new NpgsqlConnection(ServerConnectionString);
        await connection.OpenAsync();
        await using (var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{databaseName}\" WITH (FORCE)", connection))
        {
            await drop.ExecuteNonQueryAsync();
        }

        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{databaseName}\"", connection);
        await create.ExecuteNonQueryAsync();
    }

    /// <summary>Drops a scratch database created by <see cref="RecreateDatabaseAsync"/>.</summary>
    public async Task DropDatabaseAsync(string databaseName)
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(ServerConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{databaseName}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    private async Task<string> StartContainerAsync()
    {
        try
        {
            _container = new PostgreSqlBuilder("postgres:15-alpine").Build();
            await _container.StartAsync();
            return _container.GetConnectionString();
        }
        catch (DockerUnavailableException ex)
        {
            throw new InvalidOperationException(
                $"No test database: {ConnectionStringVariable} is not set and Docker is not available for "
                + "Testcontainers. Run the tests with build/test.sh, which starts a throwaway PostgreSQL and sets "
                + $"{ConnectionStringVariable}, or point {ConnectionStringVariable} at a PostgreSQL server.",
                ex);
        }
    }
}
