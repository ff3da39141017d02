using EventBooking.ArchitectureTests.Rules;
using EventBooking.ArchitectureTests.Support;

namespace EventBooking.ArchitectureTests;

/// <summary>
/// The shape of endpoint classes. What they may depend on is in <see cref="LayerDependencyTests"/>;
/// both use the same <see cref="EndpointRules.EndpointClasses"/> scope.
/// </summary>
public class EndpointConventionTests
{
    private const string FixturesNamespace = "EventBooking.ArchitectureTests.Fixtures";

    [Fact]
    public void EndpointClasses_ShouldBeStatic()
    {
        var result = EndpointRules.CheckStatic(Layers.WebApi, EndpointRules.WebApi);

        ArchitectureAssert.RuleHolds("Endpoint classes must be static.", result, EndpointRules.WebApi.ToString());
    }

    [Fact]
    public void StaticEndpointRule_WhenViolated_ShouldReportEachInstanceClass()
    {
        const string Root = $"{FixturesNamespace}.NonStaticEndpoints";
        var scope = EndpointRules.EndpointClasses(Root, $"{Root}.Endpoints");

        var result = EndpointRules.CheckStatic(typeof(EndpointConventionTests).Assembly, scope);

        Assert.Contains($"{Root}.Endpoints.CatalogEndpoints", result.CheckedTypes);
        Assert.DoesNotContain($"{Root}.Realtime.TrackingHub", result.CheckedTypes);
        ArchitectureAssert.ReportsExactly(
            [
                $"{Root}.Endpoints.InvoiceEndpoints is not a static class",
                $"{Root}.Endpoints.ShopEndpoints is not a static class",
                $"{Root}.Realtime.TrackingEndpoints is not a static class",
            ],
            result.Violations);
    }
}
