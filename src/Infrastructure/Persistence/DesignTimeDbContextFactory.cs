using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace EventBooking.Infrastructure.Persistence;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without starting the web host or a database.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<EventBookingDbContext>
{
    public EventBookingDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<EventBookingDbContext>();
        PostgresOptions.Configure(options, "Host=localhost;Database=eventbooking_design");
        return new EventBookingDbContext(options.Options);
    }
}
