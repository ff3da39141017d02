using EventBooking.Application.Auth;
using EventBooking.Application.Bookings;
using EventBooking.Application.Common.Idempotency;
using EventBooking.Application.Common.Interfaces;
using EventBooking.Application.Common.Telemetry;
using EventBooking.Application.Events;
using EventBooking.Application.Realtime;
using EventBooking.Application.Tickets;
using EventBooking.Domain.Events;
using EventBooking.Infrastructure.Authentication;
using EventBooking.Infrastructure.Concurrency;
using EventBooking.Infrastructure.Configuration;
using EventBooking.Infrastructure.Health;
using EventBooking.Infrastructure.Persistence;
using EventBooking.Infrastructure.Persistence.Seeding;
using EventBooking.Infrastructure.Realtime;
using EventBooking.Infrastructure.Seats;
using EventBooking.Infrastructure.Security;
using EventBooking.Infrastructure.Tickets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Npgsql;

namespace EventBooking.Infrastructure;

public static class DependencyInjection
{
    public const string ConnectionStringName = "Default";

    /// <summary>
    /// Optional: where the session-bound connections go (the seat-change LISTEN and the instance lease's advisory lock),
    /// when <see cref="ConnectionStringName"/> points at a transaction-mode pooler (PgBouncer) that cannot keep a session.
    /// </summary>
    public const string DirectConnectionStringName = "Direct";
    public const string ReadyTag = "ready";

    /// <summary>
    /// The seat ledger, the only writer of seat state, and its booking queue: the buyers of one event wait in
    /// the API and are booked together (docs/adr/0012).
    /// </summary>
    private static IServiceCollection AddSeatLedger(this IServiceCollection services)
    {
        services.AddSingleton<IBatchExecutor<int, PendingBooking, BookingOutcome>, BookingBatchExecutor>();
        services.AddSingleton<IBatchQueueObserver, BookingQueueMetrics>();
        services.AddSingleton<KeyedBatchQueue<int, PendingBooking, BookingOutcome>>();
        services.AddScoped<ISeatLedger, SeatLedger>();
        services.AddSingleton<IStartupWarmUp, BookingPathWarmUp>();
        services.AddSingleton<WaitlistExpiryWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<WaitlistExpiryWorker>());
        return services;
    }

    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new OptionsValidationException(
                "ConnectionStrings",
                typeof(NpgsqlDataSource),
                ["ConnectionStrings__Default is not set. Point it at a PostgreSQL database, or start the API "
                 + "with build/run.sh, which provisions a local one."]);
        }

        services.AddSingleton(_ => new NpgsqlDataSourceBuilder(PostgresOptions.Normalize(connectionString)).Build());
        // Pooled: every request scope that asks for the context (the booking path's repositories and unit of work do,
        // though a booking never queries through EF) used to build the options and construct a context, about 12 % of
        // the API's CPU per booking (perf, docs/performance.md). The context holds no state of its own to reset.
        services.AddDbContextPool<EventBookingDbContext>(
            (sp, options) => PostgresOptions.Configure(options, sp.GetRequiredService<NpgsqlDataSource>()));
        services.AddScoped<IUnitOfWork, UnitOfWork>();
        services.AddScoped<IEventImageStore, EventImageStore>();
        services.AddOptions<BookingOptions>()
            .BindSection(configuration, BookingOptions.SectionName)
            .Validate(o => o.MaxConcurrentPerEvent is >= 1 and <= 1000, "Bookings__MaxConcurrentPerEvent must be between 1 and 1000.")
            .Validate(o => o.MaxBatchSize is >= 1 and <= 1000, "Bookings__MaxBatchSize must be between 1 and 1000.")
            .Validate(o => o.MaxConcurrentCalls is >= 1 and <= 1000, "Bookings__MaxConcurrentCalls must be between 1 and 1000.")
            .Validate(o => o.MaxEventsPerCall is >= 1 and <= 1000, "Bookings__MaxEventsPerCall must be between 1 and 1000.")
            .ValidateOnStart();
        services.AddOptions<BatchQueueOptions>().Configure<IOptions<BookingOptions>>((queue, bookings) => bookings.Value.ApplyTo(queue));
        services.AddOptions<WaitlistOptions>()
            .BindSection(configuration, WaitlistOptions.SectionName)
            .Validate(o => o.OfferSeconds is >= 1 and <= 7 * 24 * 3600, "Waitlist__OfferSeconds must be between 1 and 604800 (a week).")
            .Validate(o => o.ExpiryCheckSeconds is >= 0.1 and <= 3600, "Waitlist__ExpiryCheckSeconds must be between 0.1 and 3600.")
            .ValidateOnStart();
        services.AddSeatLedger();
        var direct = configuration.GetConnectionString(DirectConnectionStringName);
        var sessionConnectionString = PostgresOptions.Normalize(string.IsNullOrWhiteSpace(direct) ? connectionString : direct);
        services.AddSingleton(sp => new InstanceLease(
            sessionConnectionString, sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<InstanceLease>>()));
        services.AddHostedService(sp => sp.GetRequiredService<InstanceLease>());
        services.AddSingleton<IdempotencyStore>();
        services.AddSingleton<IIdempotencyStore>(sp => sp.GetRequiredService<IdempotencyStore>());
        services.AddHostedService<IdempotencyKeyCleanup>();
        services.AddHostedService<PasswordHasherWarmUp>();

        // Real-time fan-out across instances: the ledger functions NOTIFY on commit, every instance LISTENs and hands
        // each change to every ISeatChangeDelivery registered (the web layer's subscriptions and read cache).
        services.AddSingleton(sp => new PostgresSeatChangeListener(
            sessionConnectionString,
            sp.GetRequiredService<NpgsqlDataSource>(),
            sp.GetServices<ISeatChangeDelivery>(),
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<PostgresSeatChangeListener>>()));
        services.AddHostedService(sp => sp.GetRequiredService<PostgresSeatChangeListener>());

        // Convention: one repository per aggregate (writes), one read service per feature (reads).
        services.Scan(scan => scan
            .FromAssemblyOf<UnitOfWork>()
            .AddClasses(c => c.Where(t => t.Name.EndsWith("Repository", StringComparison.Ordinal)
                                          || t.Name.EndsWith("ReadService", StringComparison.Ordinal)), publicOnly: false)
            .AsImplementedInterfaces()
            .WithScopedLifetime());

        services.AddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<EventBookingMetrics>(); // Application's too: the ledger and the queue record on it
        services.AddSingleton<IPasswordHasher>(sp =>
        {
            var hasher = new BcryptPasswordHasher();
            EventBookingMetrics.Gauge(
                sp.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(),
                "eventbooking.password_hashing.queue",
                "{request}",
                "Password hashes (logins, registrations) running or waiting for a hashing slot",
                () => hasher.Pending);
            return hasher;
        });
        services.AddSingleton<ILoginThrottle, InProcessLoginThrottle>();
        services.AddSingleton<IDatabaseFailures, PostgresFailures>();
        services.AddScoped<IDatabaseMaintenance, DatabaseMaintenance>();
        services.AddScoped<DatabaseSeeder>();

        services.AddOptions<JwtOptions>().BindSection(configuration, JwtOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IPostConfigureOptions<JwtOptions>, DevelopmentSigningKey>();
        services.AddSingleton<IValidateOptions<JwtOptions>, JwtOptionsValidator>();
        services.AddSingleton<ITokenIssuer, JwtTokenIssuer>();
        services.AddSingleton<ICallerLookup, CallerLookup>();

        services.AddOptions<TicketOptions>().BindSection(configuration, TicketOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IPostConfigureOptions<TicketOptions>, DevelopmentTicketKey>();
        services.AddSingleton<IValidateOptions<TicketOptions>, TicketOptionsValidator>();
        services.AddSingleton<ITicketSigner, EcdsaTicketSigner>();
        services.AddSingleton<ITicketCodeRenderer, QrTicketCodeRenderer>();

        // Concurrent lookups of users and events share queries (docs/adr/0013); the values are immutable.
        services.AddSingleton(typeof(CoalescingLookup<,>));
        services.AddSingleton<ILookupSource<int, EventSnapshot>, EventSnapshotSource>();
        services.AddSingleton<ILookupSource<int, CallerIdentity>, UserLookupSource>();

        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", HealthStatus.Unhealthy, [ReadyTag]);

        return services;
    }
}
