using System.Reflection;
using EventBooking.ArchitectureTests.Support;

namespace EventBooking.ArchitectureTests.Rules;

/// <summary>
/// What an endpoint class is, and the shape it must have: a static class of <c>MapXEndpoints</c>
/// extension methods and named handler methods, nothing to construct and no state.
/// </summary>
public static class EndpointRules
{
    public const string NameSuffix = "Endpoints";

    /// <summary>The endpoint classes of the web layer, including <c>Realtime.RealtimeEndpoints</c>.</summary>
    public static TypeScope WebApi { get; } = EndpointClasses(Layers.WebApiNamespace, Layers.WebApiEndpointsNamespace);

    /// <summary>
    /// Every type in <paramref name="endpointsNamespace"/>, and every type under <paramref name="root"/>
    /// named <c>*Endpoints</c>.
    /// </summary>
    public static TypeScope EndpointClasses(string root, string endpointsNamespace) =>
        TypeScope.InNamespaceOrNamed(endpointsNamespace, root, NameSuffix);

    /// <summary>Endpoint classes that are not <c>static</c> (abstract and sealed in IL).</summary>
    public static RuleResult CheckStatic(Assembly assembly, TypeScope endpointClasses)
    {
        var types = endpointClasses.TypesIn(assembly);
        var violations = types
            .Where(type => !(type.IsClass && type.IsAbstract && type.IsSealed))
            .Select(type => $"{SourceTypes.NameOf(type)} is not a static class")
            .Order(StringComparer.Ordinal)
            .ToList();

        return new RuleResult(types.Select(SourceTypes.NameOf).ToList(), violations);
    }
}
