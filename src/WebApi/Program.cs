using EventBooking.Application;
using EventBooking.Infrastructure;
using EventBooking.WebApi;
using Microsoft.Extensions.Options;

var (databaseCommand, hostArgs) = DatabaseCommands.Split(args);

try
{
    var builder = WebApplication.CreateBuilder(hostArgs);
    builder.UseDefaultUrls();
    builder.Services.AddApplication().AddInfrastructure(builder.Configuration);
    builder.AddWebApi();

    var app = builder.Build();
    if (databaseCommand is not null)
    {
        return await DatabaseCommands.RunAsync(app, databaseCommand);
    }

    app.UseWebApi();
    await app.RunAsync();
    return 0;
}
catch (Exception ex) when (ConfigurationFailures(ex) is { Count: > 0 } failures)
{
    // A configuration mistake: say what to fix, without a stack trace.
    await Console.Error.WriteLineAsync($"EventBooking cannot start, the configuration is invalid:{Environment.NewLine}  - "
        + string.Join($"{Environment.NewLine}  - ", failures));
    return 2;
}

// Startup validation throws one OptionsValidationException, or an AggregateException of several.
static List<string> ConfigurationFailures(Exception exception) => exception switch
{
    OptionsValidationException options => [.. options.Failures],
    AggregateException aggregate when aggregate.InnerExceptions.All(e => e is OptionsValidationException) =>
        [.. aggregate.InnerExceptions.Cast<OptionsValidationException>().SelectMany(e => e.Failures)],
    _ => [],
};

/// <summary>The entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
