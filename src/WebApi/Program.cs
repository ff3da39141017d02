using EventBooking.Application;
using EventBooking.Infrastructure;
using EventBooking.Infrastructure.Configuration;
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
        return await DatabaseCommands.RunAsync(app, databaseCommand); // migrate and seed: the serving settings are not checked
    }

    // Every ValidateOnStart setting at once, before building the pipeline resolves some of them one by one (the output
    // cache's options read Caching__*, and its failure alone used to end the start with the host's stack trace).
    app.Services.GetService<IStartupValidator>()?.Validate();

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

// Startup validation throws one OptionsValidationException, or an AggregateException of several (values that do not
// convert are among them: SettingsBinding). A conversion failure from a binder elsewhere is named the same way.
static List<string> ConfigurationFailures(Exception exception) => exception switch
{
    OptionsValidationException options => [.. options.Failures],
    AggregateException aggregate when aggregate.InnerExceptions.All(e => e is OptionsValidationException) =>
        [.. aggregate.InnerExceptions.Cast<OptionsValidationException>().SelectMany(e => e.Failures)],
    _ when SettingsBinding.Describe(exception) is { } conversion => [conversion],
    _ => [],
};

/// <summary>The entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
