using System.Reflection;
using System.Text.RegularExpressions;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace EventBooking.ArchitectureTests.Rules;

/// <summary>
/// A rule on the string literals compiled into an assembly: every <c>ldstr</c> in a method body (lambdas,
/// local functions and state machines included, reported against the type the developer wrote) and every
/// <c>const string</c>. The text of an interpolated or <c>FormattableString</c> SQL statement is one such
/// literal, with <c>{0}</c> where each value goes.
/// </summary>
/// <param name="Name">What the rule protects; it starts every failure message.</param>
/// <param name="Forbidden">Each match is one violation, reported with its whitespace collapsed.</param>
/// <param name="AllowedNamespaces">Where the forbidden text belongs; matched by whole segments.</param>
public sealed record StringLiteralRule(string Name, Regex Forbidden, IReadOnlyList<string> AllowedNamespaces)
{
    /// <param name="namespacePrefix">The types to check; null for every type in the assembly.</param>
    public RuleResult Check(Assembly assembly, string? namespacePrefix)
    {
        var types = CompiledCode.TopLevelTypes(assembly)
            .Where(type => namespacePrefix is null || NameMatching.IsNameOrChildOf(type.Namespace, namespacePrefix))
            .Where(type => !NameMatching.IsNameOrChildOfAny(type.Namespace, AllowedNamespaces))
            .ToList();
        var violations = types
            .SelectMany(type => Literals(type)
                .SelectMany(literal => Forbidden.Matches(literal))
                .Select(match => $"{CompiledCode.NameOf(type)} -> \"{Collapse(match.Value)}\""))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();

        return new RuleResult(types.Select(CompiledCode.NameOf).ToList(), violations);
    }

    private static IEnumerable<string> Literals(TypeDefinition type) =>
        CompiledCode.Instructions(type)
            .Where(instruction => instruction.OpCode.Code == Code.Ldstr)
            .Select(instruction => (string)instruction.Operand)
            .Concat(CompiledCode.WithNestedTypes(type)
                .SelectMany(nested => nested.Fields)
                .Where(field => field.HasConstant)
                .Select(field => field.Constant)
                .OfType<string>());

    private static string Collapse(string text) => Regex.Replace(text.Trim(), @"\s+", " ", RegexOptions.None, TimeSpan.FromSeconds(1));
}
