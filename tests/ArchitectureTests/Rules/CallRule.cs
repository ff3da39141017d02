using System.Reflection;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace EventBooking.ArchitectureTests.Rules;

/// <summary>Methods (or property getters, as <c>get_Name</c>) of one type that a rule forbids to call.</summary>
/// <param name="DeclaringType">Full name, e.g. <c>System.IServiceProvider</c>.</param>
/// <param name="Methods">Method names; <c>*</c> forbids every method of the type.</param>
public sealed record ForbiddenCall(string DeclaringType, params string[] Methods)
{
    public bool Matches(MethodReference method) =>
        string.Equals(CompiledCode.NameOf(method.DeclaringType.GetElementType()), DeclaringType, StringComparison.Ordinal)
        && Methods.Any(name => name == "*" || string.Equals(name, method.Name, StringComparison.Ordinal));
}

/// <summary>
/// A call-level rule: no type in the scope calls (or takes a delegate to) one of the forbidden methods,
/// anywhere in its IL, including the lambdas, local functions and async or iterator state machines the
/// compiler nests in it. Each call is reported against the type the developer wrote.
/// </summary>
/// <param name="Name">What the rule protects; it starts every failure message.</param>
public sealed record CallRule(string Name, IReadOnlyList<ForbiddenCall> ForbiddenCalls)
{
    public RuleResult Check(Assembly assembly, TypeScope scope)
    {
        var checkedTypes = scope.TypesIn(assembly).Select(type => type.FullName ?? type.Name).ToList();
        var violations = CompiledCode.TopLevelTypes(assembly)
            .Where(type => checkedTypes.Contains(CompiledCode.NameOf(type), StringComparer.Ordinal))
            .SelectMany(type => CompiledCode.Instructions(type)
                .Where(instruction => IsCallOrDelegate(instruction.OpCode))
                .Select(instruction => instruction.Operand)
                .OfType<MethodReference>()
                .Where(method => ForbiddenCalls.Any(call => call.Matches(method)))
                .Select(method => $"{CompiledCode.NameOf(type)} -> {Describe(method)}"))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();

        return new RuleResult(checkedTypes, violations);
    }

    /// <summary>For failure messages: <c>System.IServiceProvider.GetService, ...</c>.</summary>
    public string DescribeForbidden() =>
        string.Join(", ", ForbiddenCalls.SelectMany(call => call.Methods.Select(method => $"{call.DeclaringType}.{Readable(method)}")));

    private static bool IsCallOrDelegate(OpCode opCode) =>
        opCode.Code is Code.Call or Code.Callvirt or Code.Ldftn or Code.Ldvirtftn;

    private static string Describe(MethodReference method) =>
        $"{CompiledCode.NameOf(method.DeclaringType.GetElementType())}.{Readable(method.Name)}";

    // A property read shows as the property: HttpContext.RequestServices, not get_RequestServices.
    private static string Readable(string methodName) =>
        methodName.StartsWith("get_", StringComparison.Ordinal) ? methodName["get_".Length..] : methodName;
}
