using System.Reflection;
using NetArchTest.Rules;

namespace EventBooking.ArchitectureTests.Rules;

/// <summary>
/// The types of an assembly that a NetArchTest rule looks at. NetArchTest lists top-level types only;
/// a dependency check on a type also searches its nested ones (closures, async state machines).
/// </summary>
public sealed class TypeScope
{
    private readonly string _description;
    private readonly Func<Assembly, PredicateList> _select;

    private TypeScope(string description, Func<Assembly, PredicateList> select)
    {
        _description = description;
        _select = select;
    }

    public static TypeScope InNamespace(string namespacePrefix) =>
        new(namespacePrefix, assembly => Types.InAssembly(assembly).That().ResideInNamespace(namespacePrefix));

    /// <summary>
    /// Everything in <paramref name="namespacePrefix"/>, plus any type under <paramref name="root"/> whose
    /// name ends in <paramref name="suffix"/>.
    /// </summary>
    public static TypeScope InNamespaceOrNamed(string namespacePrefix, string root, string suffix) =>
        new(
            $"{namespacePrefix}, and types named *{suffix} in {root}",
            assembly => Types.InAssembly(assembly)
                .That().ResideInNamespace(namespacePrefix)
                .Or().ResideInNamespace(root).And().HaveNameEndingWith(suffix, StringComparison.Ordinal));

    /// <summary>Everything in <paramref name="namespacePrefix"/> that meets <paramref name="keep"/>.</summary>
    public static TypeScope InNamespaceExcept(string namespacePrefix, string description, ICustomRule keep) =>
        new(
            $"{namespacePrefix}, {description}",
            assembly => Types.InAssembly(assembly).That().ResideInNamespace(namespacePrefix).And().MeetCustomRule(keep));

    public PredicateList Select(Assembly assembly) => _select(assembly);

    public IReadOnlyList<Type> TypesIn(Assembly assembly) => Select(assembly).GetTypes().ToList();

    public override string ToString() => _description;
}
