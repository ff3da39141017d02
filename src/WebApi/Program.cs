using EventBooking.Infrastructure;
using EventBooking.WebApi;
using EventBooking.WebApi.Endpoints;

var (databaseCommand, hostArgs) = DatabaseCommands.Split(args);

var builder = WebApplication.CreateBuilder(hostArgs);
builder.UseDefaultUrls();
builder.Services.AddInfrastructure(builder.Configuration);

var app = builder.Build();

if (databaseCommand is not null)
{
    return await DatabaseCommands.RunAsync(app, databaseCommand);
}

app.MapHealthEndpoints();

await app.RunAsync();
return 0;

/// <summary>The entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
