using System.Reflection;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace EventBooking.ArchitectureTests.Rules;

/// <summary>
/// The IL of an assembly, read with Mono.Cecil, for rules that look inside method bodies (calls, string
/// literals, catch clauses). What the compiler generates for a type (closures, lambdas, async and
/// iterator state machines, local functions) is nested inside it, so a top-level type with all its
/// nested types is everything its source file compiled to.
/// </summary>
internal static class CompiledCode
{
    /// <summary>The top-level types of <paramref name="assembly"/>, read from its file.</summary>
    /// <remarks>Each call reads its own copy: Cecil's lazy reading is not safe across parallel tests.</remarks>
    public static IReadOnlyList<TypeDefinition> TopLevelTypes(Assembly assembly)
    {
        var module = ModuleDefinition.ReadModule(
            new MemoryStream(File.ReadAllBytes(assembly.Location)),
            new ReaderParameters { ReadingMode = ReadingMode.Immediate });
        return [.. module.Types.Where(type => type.Name != "<Module>")];
    }

    /// <summary><paramref name="type"/> and every type nested in it, at any depth.</summary>
    public static IEnumerable<TypeDefinition> WithNestedTypes(TypeDefinition type) =>
        type.NestedTypes.SelectMany(WithNestedTypes).Prepend(type);

    /// <summary>Every IL instruction of <paramref name="type"/> and its nested types.</summary>
    public static IEnumerable<Instruction> Instructions(TypeDefinition type) =>
        Bodies(type).SelectMany(body => body.Instructions);

    /// <summary>The types named in the <c>catch (T)</c> clauses of <paramref name="type"/> and its nested types.</summary>
    public static IEnumerable<TypeReference> CaughtTypes(TypeDefinition type) =>
        Bodies(type)
            .SelectMany(body => body.ExceptionHandlers)
            .Where(handler => handler.HandlerType == ExceptionHandlerType.Catch && handler.CatchType is not null)
            .Select(handler => handler.CatchType);

    /// <summary><c>Namespace.Type</c>, or for a nested type <c>Namespace.Outer/Inner</c>, as NetArchTest spells it.</summary>
    public static string NameOf(TypeReference type) =>
        type.DeclaringType is { } outer ? $"{NameOf(outer)}/{type.Name}" : type.Namespace.Length == 0 ? type.Name : $"{type.Namespace}.{type.Name}";

    private static IEnumerable<Mono.Cecil.Cil.MethodBody> Bodies(TypeDefinition type) =>
        WithNestedTypes(type).SelectMany(nested => nested.Methods).Where(method => method.HasBody).Select(method => method.Body);
}
