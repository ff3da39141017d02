using EventBooking.Infrastructure.Persistence;
using Npgsql;

namespace EventBooking.WebApi;

/// <summary>
/// <c>dotnet run --project src/WebApi -- migrate | seed | reset</c>: manage the database and exit.
/// <c>seed</c> and <c>reset</c> migrate first, so each works on an empty database.
/// </summary>
internal static class DatabaseCommands
{
    private static readonly string[] Names = ["migrate", "seed", "reset"];

    /// <summary>Separates a leading database command from the arguments meant for the web host.</summary>
    public static (string? Command, string[] HostArgs) Split(string[] args) =>
        args is [var first, .. var rest] && Names.Contains(first, StringComparer.OrdinalIgnoreCase)
            ? (first.ToLowerInvariant(), rest)
            : (null, args);

    public static async Task<int> RunAsync(WebApplication app, string command)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("EventBooking.Database");
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            await using var scope = app.Services.CreateAsyncScope();
            var database = scope.ServiceProvider.GetRequiredService<IDatabaseMaintenance>();
            switch (command)
            {
                case "migrate":
                    await database.MigrateAsync(cancellation.Token);
                    break;
                case "seed":
                    await database.MigrateAsync(cancellation.Token);
                    await database.SeedAsync(cancellation.Token);
                    break;
                case "reset":
                    await database.ResetAsync(cancellation.Token);
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(command), command, "Unknown database command");
            }

            logger.LogInformation("'{Command}' finished", command);
            return 0;
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or OperationCanceledException)
        {
            logger.LogError(
                "'{Command}' failed: the database could not be reached or did not answer ({Reason})",
                command,
                ex.Message);
            return 1;
        }
    }
}
