using EventBooking.Domain.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace EventBooking.Infrastructure.Persistence.Repositories;

/// <summary>
/// The event load behind <see cref="EventRepository.GetAsync"/>, shared by concurrent requests for the
/// same event (<see cref="CoalescedReads{TKey, TValue}"/>). One per process, so each load runs on a
/// short-lived context of its own rather than on one request's scoped context.
/// </summary>
internal sealed class EventLoads
{
    private static readonly Func<EventBookingDbContext, int, Task<Event?>> ById =
        EF.CompileAsyncQuery((EventBookingDbContext context, int id) =>
            context.Events.AsNoTracking().FirstOrDefault(e => e.Id == id));

    private readonly DbContextOptions<EventBookingDbContext> _options;
    private readonly CoalescedReads<int, Event?> _reads;

    public EventLoads(NpgsqlDataSource dataSource, ILoggerFactory loggerFactory)
    {
        var builder = new DbContextOptionsBuilder<EventBookingDbContext>().UseLoggerFactory(loggerFactory);
        PostgresOptions.Configure(builder, dataSource);
        _options = builder.Options;
        _reads = new CoalescedReads<int, Event?>(LoadAsync);
    }

    public Task<Event?> GetAsync(int eventId, CancellationToken cancellationToken) => _reads.ReadAsync(eventId, cancellationToken);

    private async Task<Event?> LoadAsync(int eventId)
    {
        await using var context = new EventBookingDbContext(_options);
        return await ById(context, eventId);
    }
}
