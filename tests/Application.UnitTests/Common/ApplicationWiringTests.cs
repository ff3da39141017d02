using EventBooking.Domain.Users;
using Mapster;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using NSubstitute;

namespace EventBooking.Application.UnitTests.Common;

/// <summary>AddApplication finds a handler for every request and compiles the mappings.</summary>
public sealed class ApplicationWiringTests
{
    public static TheoryData<Type> RequestTypes()
    {
        var data = new TheoryData<Type>();
        foreach (var type in typeof(DependencyInjection).Assembly.GetTypes()
                     .Where(t => t is { IsAbstract: false, IsInterface: false }
                                 && t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRequest<>))))
        {
            data.Add(type);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RequestTypes))]
    public void AddApplication_ShouldRegisterExactlyOneHandlerForEveryRequest(Type requestType)
    {
        using var provider = BuildProvider();
        var responseType = requestType.GetInterfaces()
            .Single(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRequest<>))
            .GetGenericArguments()[0];
        var handlerType = typeof(IRequestHandler<,>).MakeGenericType(requestType, responseType);

        using var scope = provider.CreateScope();
        var handlers = scope.ServiceProvider.GetServices(handlerType).ToList();

        Assert.Single(handlers);
        Assert.False(handlers[0]!.GetType().IsPublic, $"{handlers[0]!.GetType().Name} should be internal");
    }

    [Fact]
    public void RequestTypes_ShouldBeFound()
    {
        // Guards the theory above against passing vacuously on an empty list.
        Assert.True(RequestTypes().Count >= 5);
    }

    [Fact]
    public void CreateMappingConfig_ShouldCompileAndMapAUserToTheContractShape()
    {
        var config = DependencyInjection.CreateMappingConfig();
        var user = TestUsers.Admin();

        var mapped = user.Adapt<EventBooking.Application.Auth.AuthUserResponse>(config);

        Assert.Equal(new EventBooking.Application.Auth.AuthUserResponse(0, "admin@example.com", "Admin User", "admin"), mapped);
    }

    private static ServiceProvider BuildProvider()
    {
        var services = new ServiceCollection();
        services.AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(NullLogger<>));
        services.AddApplication();

        // Every port (the non-generic interfaces Domain and Application declare) gets a substitute, as
        // Infrastructure and WebApi would provide the real ones.
        var ports = typeof(IUserRepository).Assembly.GetExportedTypes()
            .Concat(typeof(DependencyInjection).Assembly.GetExportedTypes())
            .Where(t => t.IsInterface && !t.IsGenericType);
        foreach (var port in ports)
        {
            services.AddSingleton(port, Substitute.For([port], []));
        }

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<System.Diagnostics.Metrics.IMeterFactory>(new TestMetrics()); // the host's, in the API
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}
