using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace EventBooking.ArchitectureTests.Rules;

/// <summary>The types an assembly's metadata names: those it defines and those it refers to in other assemblies.</summary>
internal static class AssemblyTypeNames
{
    /// <summary>Full names as NetArchTest (Mono.Cecil) spells them: <c>Namespace.Type</c>, nested as <c>Outer/Inner</c>.</summary>
    public static IReadOnlyList<string> DefinedOrReferencedBy(Assembly assembly)
    {
        using var stream = File.OpenRead(assembly.Location);
        using var image = new PEReader(stream);
        var metadata = image.GetMetadataReader();

        return metadata.TypeDefinitions.Select(handle => FullName(metadata, handle))
            .Concat(metadata.TypeReferences.Select(handle => FullName(metadata, handle)))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary><c>EventBooking.Domain.Events.IEventRepository</c> gives <c>IEventRepository</c>, <c>Outer/Inner`1</c> gives <c>Inner</c>.</summary>
    public static string SimpleName(string fullName)
    {
        var name = fullName[(fullName.LastIndexOfAny(['.', '/']) + 1)..];
        var arity = name.IndexOf('`', StringComparison.Ordinal);
        return arity < 0 ? name : name[..arity];
    }

    private static string FullName(MetadataReader metadata, TypeDefinitionHandle handle)
    {
        var type = metadata.GetTypeDefinition(handle);
        var name = metadata.GetString(type.Name);
        var declaringType = type.GetDeclaringType();
        return declaringType.IsNil
            ? Qualified(metadata.GetString(type.Namespace), name)
            : $"{FullName(metadata, declaringType)}/{name}";
    }

    private static string FullName(MetadataReader metadata, TypeReferenceHandle handle)
    {
        var type = metadata.GetTypeReference(handle);
        var name = metadata.GetString(type.Name);
        return type.ResolutionScope.Kind == HandleKind.TypeReference
            ? $"{FullName(metadata, (TypeReferenceHandle)type.ResolutionScope)}/{name}"
            : Qualified(metadata.GetString(type.Namespace), name);
    }

    private static string Qualified(string @namespace, string name) => @namespace.Length == 0 ? name : $"{@namespace}.{name}";
}
