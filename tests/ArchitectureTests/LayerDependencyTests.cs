using EventBooking.ArchitectureTests.Rules;
using EventBooking.ArchitectureTests.Support;

namespace EventBooking.ArchitectureTests;

/// <summary>
/// Layer rules at type level. Each rule runs on the real assembly, and then, with the same checker
/// and the same forbidden list, on a planted violation under <c>Fixtures/</c>, to show it can fail.
/// </summary>
public class LayerDependencyTests
{
    private const string FixturesNamespace = "EventBooking.ArchitectureTests.Fixtures";

    private static readonly System.Reflection.Assembly TestAssembly = typeof(LayerDependencyTests).Assembly;

    [Fact]
    public void Domain_ShouldNotDependOnOtherLayersOrPackages()
    {
        var result = LayerRules.Domain.Check(Layers.Domain, Layers.DomainNamespace);

        ArchitectureAssert.RuleHolds(LayerRules.Domain, result, Layers.DomainNamespace);
    }

    [Fact]
    public void DomainRule_WhenViolated_ShouldReportViolation()
    {
        const string Scope = $"{FixturesNamespace}.ViolatingDomain";

        var result = LayerRules.Domain.Check(TestAssembly, Scope);

        Assert.Contains($"{Scope}.CleanBooking", result.CheckedTypes);
        ArchitectureAssert.ReportsExactly(
            [
                $"{Scope}.BookingConfirmedNotification -> MediatR",
                $"{Scope}.BookingWithDbContext -> Microsoft.EntityFrameworkCore",
                $"{Scope}.BookingWithInfrastructureType -> EventBooking.Infrastructure",
            ],
            result.Violations);
    }

    [Fact]
    public void Application_ShouldNotDependOnInfrastructureWebApiOrPersistence()
    {
        var result = LayerRules.Application.Check(Layers.Application, Layers.ApplicationNamespace);

        ArchitectureAssert.RuleHolds(LayerRules.Application, result, Layers.ApplicationNamespace);
    }

    [Fact]
    public void ApplicationRule_WhenViolated_ShouldReportViolation()
    {
        const string Scope = $"{FixturesNamespace}.ViolatingApplication";

        var result = LayerRules.Application.Check(TestAssembly, Scope);

        Assert.Contains($"{Scope}.CleanHandler", result.CheckedTypes);
        ArchitectureAssert.ReportsExactly(
            [
                $"{Scope}.HandlerOpeningNpgsqlConnection -> Npgsql",
                $"{Scope}.HandlerReadingHttpContext -> Microsoft.AspNetCore",
                $"{Scope}.HandlerUsingDbContext -> EventBooking.Infrastructure",
            ],
            result.Violations);
    }

    [Fact]
    public void Infrastructure_ShouldNotDependOnWebApi()
    {
        var result = LayerRules.Infrastructure.Check(Layers.Infrastructure, Layers.InfrastructureNamespace);

        ArchitectureAssert.RuleHolds(LayerRules.Infrastructure, result, Layers.InfrastructureNamespace);
    }

    [Fact]
    public void InfrastructureRule_WhenViolated_ShouldReportViolation()
    {
        const string Scope = $"{FixturesNamespace}.ViolatingInfrastructure";

        var result = LayerRules.Infrastructure.Check(TestAssembly, Scope);

        Assert.Contains($"{Scope}.CleanRepository", result.CheckedTypes);
        ArchitectureAssert.ReportsExactly([$"{Scope}.ServiceCallingIntoWebApi -> EventBooking.WebApi"], result.Violations);
    }

    [Fact]
    public void WebApiEndpoints_ShouldNotTouchPersistenceRepositoriesOrPorts()
    {
        var result = LayerRules.WebApiEndpoints.Check(Layers.WebApi, EndpointRules.WebApi);

        ArchitectureAssert.RuleHolds(LayerRules.WebApiEndpoints, result, EndpointRules.WebApi.ToString());
    }

    [Fact]
    public void WebApiEndpointsRule_WhenViolated_ShouldReportViolation()
    {
        const string Scope = $"{FixturesNamespace}.ViolatingEndpoints";

        var result = LayerRules.WebApiEndpoints.Check(TestAssembly, Scope);

        Assert.Contains($"{Scope}.CleanEndpoints", result.CheckedTypes);
        ArchitectureAssert.ReportsExactly(
            [
                $"{Scope}.EndpointsQueryingDbContext -> EventBooking.Infrastructure.Persistence",
                $"{Scope}.EndpointsQueryingDbContext -> Microsoft.EntityFrameworkCore",
            ],
            result.Violations);
    }

    [Fact]
    public void WebApiEndpointsRule_WhenUsingRepositoriesOrPorts_ShouldReportViolation()
    {
        const string Root = $"{FixturesNamespace}.EndpointsUsingPorts";
        var scope = EndpointRules.EndpointClasses(Root, $"{Root}.Endpoints");

        var result = LayerRules.WebApiEndpoints.Check(TestAssembly, scope);

        Assert.Contains($"{Root}.Endpoints.DispatchingEndpoints", result.CheckedTypes);
        Assert.DoesNotContain($"{Root}.Realtime.SocketSession", result.CheckedTypes);
        ArchitectureAssert.ReportsExactly(
            [
                $"{Root}.Endpoints.OrderEndpoints -> EventBooking.Application.Bookings.ISeatLedger",
                $"{Root}.Endpoints.OrderEndpoints -> EventBooking.Domain.Events.IEventRepository",
                $"{Root}.Endpoints.ReportEndpoints -> EventBooking.Application.Events.IEventReadService",
                $"{Root}.Endpoints.WarehouseEndpoints -> {Root}.Stock.IWarehouseRepository",
                $"{Root}.Realtime.SocketEndpoints -> EventBooking.Domain.Users.IUserRepository",
            ],
            result.Violations);
    }

    [Fact]
    public void WebApi_ShouldNotReferenceNpgsqlOrEfCoreOutsideCompositionRoot()
    {
        var scope = CompositionRoot.Outside(Layers.WebApiNamespace);

        var result = LayerRules.WebApiPersistence.Check(Layers.WebApi, scope);

        ArchitectureAssert.RuleHolds(LayerRules.WebApiPersistence, result, scope.ToString());
    }

    [Fact]
    public void WebApiPersistenceRule_WhenViolated_ShouldReportViolation()
    {
        const string Root = $"{FixturesNamespace}.PersistenceInWebApi";

        var result = LayerRules.WebApiPersistence.Check(TestAssembly, CompositionRoot.Outside(Root));

        Assert.Contains($"{Root}.Http.CleanErrorMapper", result.CheckedTypes);
        Assert.DoesNotContain($"{Root}.DependencyInjection", result.CheckedTypes);
        Assert.DoesNotContain($"{Root}.DatabaseCommands", result.CheckedTypes);
        ArchitectureAssert.ReportsExactly(
            [
                $"{Root}.Caching.ReadCache -> Microsoft.EntityFrameworkCore",
                $"{Root}.Http.DatabaseFailures -> Npgsql",
                $"{Root}.Http.DependencyInjection -> Microsoft.EntityFrameworkCore",
            ],
            result.Violations);
    }

    [Fact]
    public void WebApi_ShouldOnlyDispatchToMediatROutsideCompositionRoot()
    {
        var scope = CompositionRoot.Outside(Layers.WebApiNamespace);

        var result = LayerRules.WebApiDispatchOnly.Check(Layers.WebApi, scope);

        ArchitectureAssert.RuleHolds(LayerRules.WebApiDispatchOnly, result, scope.ToString());
    }

    [Fact]
    public void WebApiDispatchRule_WhenViolated_ShouldReportViolation()
    {
        const string Root = $"{FixturesNamespace}.DispatchingWebApi";

        var result = LayerRules.WebApiDispatchOnly.Check(TestAssembly, CompositionRoot.Outside(Root));

        Assert.Contains($"{Root}.Realtime.CleanHub", result.CheckedTypes);
        Assert.DoesNotContain($"{Root}.DependencyInjection", result.CheckedTypes);
        ArchitectureAssert.ReportsExactly(
            [
                $"{Root}.Caching.SeatCache -> {FixturesNamespace}.SeatLedgerPort.ISeatLedger",
                $"{Root}.Http.EventLookupFilter -> EventBooking.Domain.Events.IEventRepository",
                $"{Root}.Http.ReportExporter -> EventBooking.Infrastructure.Persistence",
                $"{Root}.Http.ReportExporter -> EventBooking.Infrastructure.Persistence.EventBookingDbContext",
                $"{Root}.Security.TokenCheck -> EventBooking.Application.Users.IUserReadService",
            ],
            result.Violations);
    }

    [Theory]
    [MemberData(nameof(Layers.AllNames), MemberType = typeof(Layers))]
    public void Layer_ShouldNotUseDynamic(string layer)
    {
        var scope = Layers.AssemblyNamePrefix + layer;

        var result = LayerRules.NoDynamic.Check(Layers.ByName(layer), scope);

        ArchitectureAssert.RuleHolds(LayerRules.NoDynamic, result, scope);
    }

    [Fact]
    public void NoDynamicRule_WhenViolated_ShouldReportViolation()
    {
        const string Scope = $"{FixturesNamespace}.UsingDynamic";

        var result = LayerRules.NoDynamic.Check(TestAssembly, Scope);

        Assert.Contains($"{Scope}.CleanValidationBehaviour", result.CheckedTypes);
        ArchitectureAssert.ReportsExactly(
            [
                $"{Scope}.HandlerWithDynamicParameter -> System.Runtime.CompilerServices.DynamicAttribute",
                $"{Scope}.ValidationBehaviourWithDynamic -> Microsoft.CSharp.RuntimeBinder",
            ],
            result.Violations);
    }
}
