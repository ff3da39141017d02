using EventBooking.ArchitectureTests.Rules;
using EventBooking.ArchitectureTests.Support;

namespace EventBooking.ArchitectureTests;

/// <summary>
/// No service locator outside the composition root, found in the IL of every method (lambdas and state
/// machines included). Each rule runs on the real assembly and on a planted violation under <c>Fixtures/</c>.
/// </summary>
public class ServiceLocatorTests
{
    private const string FixturesNamespace = "EventBooking.ArchitectureTests.Fixtures";

    [Fact]
    public void WebApi_ShouldNotUseServiceLocatorOutsideCompositionRoot() =>
        AssertNoServiceLocator(Layers.WebApi, Layers.WebApiNamespace);

    [Fact]
    public void Application_ShouldNotUseServiceLocatorOutsideCompositionRoot() =>
        AssertNoServiceLocator(Layers.Application, Layers.ApplicationNamespace);

    [Fact]
    public void ServiceLocatorRule_WhenViolated_ShouldReportViolation()
    {
        const string Root = $"{FixturesNamespace}.ServiceLocator";
        const string Extensions = "Microsoft.Extensions.DependencyInjection";

        var result = ServiceLocatorRules.OutsideCompositionRoot.Check(typeof(ServiceLocatorTests).Assembly, CompositionRoot.Outside(Root));

        Assert.Contains($"{Root}.Http.CleanFilter", result.CheckedTypes);
        Assert.DoesNotContain($"{Root}.DependencyInjection", result.CheckedTypes);
        Assert.DoesNotContain($"{Root}.Program", result.CheckedTypes);
        ArchitectureAssert.ReportsExactly(
            [
                $"{Root}.Caching.CacheWarmer -> {Extensions}.ActivatorUtilities.CreateInstance",
                $"{Root}.Caching.CacheWarmer -> {Extensions}.ServiceProviderKeyedServiceExtensions.GetRequiredKeyedService",
                $"{Root}.Caching.CacheWarmer -> {Extensions}.ServiceProviderServiceExtensions.GetServices",
                $"{Root}.Caching.CacheWarmer -> System.IServiceProvider.GetService",
                $"{Root}.Http.ErrorWriter -> {Extensions}.ServiceProviderServiceExtensions.GetService",
                $"{Root}.Http.ErrorWriter -> Microsoft.AspNetCore.Http.HttpContext.RequestServices",
                $"{Root}.Security.TokenEvents -> {Extensions}.ServiceProviderServiceExtensions.GetRequiredService",
                $"{Root}.Security.TokenEvents -> Microsoft.AspNetCore.Http.HttpContext.RequestServices",
            ],
            result.Violations);
    }

    private static void AssertNoServiceLocator(System.Reflection.Assembly assembly, string rootNamespace)
    {
        var scope = CompositionRoot.Outside(rootNamespace);
        var rule = ServiceLocatorRules.OutsideCompositionRoot;

        var result = rule.Check(assembly, scope);

        ArchitectureAssert.RuleHolds($"{rule.Name} ({scope}) must not call {rule.DescribeForbidden()}.", result, scope.ToString());
    }
}
