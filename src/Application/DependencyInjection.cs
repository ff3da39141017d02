using EventBooking.Application.Common.Behaviours;
using EventBooking.Application.Common.Notifications;
using FluentValidation;
using Mapster;
using MapsterMapper;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EventBooking.Application;

public static class DependencyInjection
{
    /// <summary>
    /// MediatR 5.1.0 wired by hand (its DI package is not available to us; see DEPENDENCIES.md):
    /// handlers and validators found by convention, behaviours registered outermost first.
    /// </summary>
    public static IServiceCollection AddApplication(this IServiceCollection services)
    {
        var assembly = typeof(DependencyInjection).Assembly;

        services.AddScoped<ServiceFactory>(sp => sp.GetService!);
        services.AddScoped<IMediator, Mediator>();
        services.Scan(scan => scan
            .FromAssemblies(assembly)
            .AddClasses(c => c.AssignableTo(typeof(IRequestHandler<,>)), publicOnly: false)
            .AsImplementedInterfaces()
            .WithScopedLifetime()
            .AddClasses(c => c.AssignableTo(typeof(INotificationHandler<>)), publicOnly: false)
            .AsImplementedInterfaces()
            .WithScopedLifetime());

        // Registration order is execution order: tracing, logging, validation, then change notification around the
        // transaction, so observers hear of a change only after it has committed.
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(TracingBehaviour<,>));
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(LoggingBehaviour<,>));
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(ValidationBehaviour<,>));
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(ChangeNotificationBehaviour<,>));
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(TransactionBehaviour<,>));

        // Validators are stateless: one instance each for the life of the process.
        services.AddValidatorsFromAssembly(assembly, ServiceLifetime.Singleton, includeInternalTypes: true);

        services.AddScoped<Tickets.TicketDesk>();

        services.TryAddSingleton<Common.Telemetry.EventBookingMetrics>();

        services.AddSingleton(CreateMappingConfig());
        services.AddSingleton<IMapper>(sp => new Mapper(sp.GetRequiredService<TypeAdapterConfig>()));

        return services;
    }

    /// <summary>
    /// All Mapster mappings, from the <see cref="IRegister"/> classes of this assembly, compiled once.
    /// Compiling here, at startup, turns a mapping with an unmapped destination member into a startup
    /// failure instead of a wrong response later.
    /// </summary>
    public static TypeAdapterConfig CreateMappingConfig()
    {
        var config = new TypeAdapterConfig();
        config.Default.RequireDestinationMemberSource(true);
        config.Scan(typeof(DependencyInjection).Assembly);
        config.Compile();
        return config;
    }
}
