using System.Reflection;
using System.Runtime.CompilerServices;

namespace EventBooking.ArchitectureTests.Rules;

/// <summary>
/// Conventions of the use cases: one folder per command with its handler and validator, commands and
/// queries as immutable records, and nothing of it public but the requests themselves. Each check
/// returns the types it looked at and one readable line per offender.
/// </summary>
public static class RequestRules
{
    private const BindingFlags AllMembers =
        BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic;

    /// <summary>
    /// Every command under <paramref name="namespacePrefix"/> has exactly one <c>AbstractValidator&lt;TCommand&gt;</c>
    /// (looked for in the whole assembly), and it sits in the command's own namespace, i.e. its folder.
    /// </summary>
    public static RuleResult CheckCommandValidators(Assembly assembly, string namespacePrefix)
    {
        var commands = SourceTypes.InNamespace(assembly, namespacePrefix).Where(MediatorTypes.IsCommand).ToList();
        var validatorsByCommand = SourceTypes.InAssembly(assembly)
            .Where(type => !type.IsAbstract && MediatorTypes.IsValidator(type))
            .ToLookup(type => MediatorTypes.ValidatedType(type)!);

        var violations = new List<string>();
        foreach (var command in commands)
        {
            var validators = validatorsByCommand[command].ToList();
            var name = SourceTypes.NameOf(command);
            if (validators.Count == 0)
            {
                violations.Add($"{name} has no validator");
            }
            else if (validators.Count > 1)
            {
                violations.Add($"{name} has {validators.Count} validators: {string.Join(", ", validators.Select(SourceTypes.NameOf))}");
            }
            else if (!string.Equals(validators[0].Namespace, command.Namespace, StringComparison.Ordinal))
            {
                violations.Add($"{name} has its validator in another namespace: {SourceTypes.NameOf(validators[0])}");
            }
        }

        return Result(commands, violations);
    }

    /// <summary>
    /// A type named <c>*Command</c> or <c>*Query</c> is a MediatR request, and a request is named
    /// <c>*Command</c> or <c>*Query</c>: the name tells a reader which way the data flows.
    /// </summary>
    public static RuleResult CheckRequestNames(Assembly assembly, string namespacePrefix)
    {
        var types = SourceTypes.InNamespace(assembly, namespacePrefix);
        var violations = new List<string>();
        foreach (var type in types)
        {
            if (MediatorTypes.HasRequestName(type) && !MediatorTypes.IsRequest(type))
            {
                violations.Add($"{SourceTypes.NameOf(type)} is named like a command or query but does not implement IRequest<>");
            }
            else if (!MediatorTypes.HasRequestName(type) && MediatorTypes.IsConcreteRequest(type))
            {
                violations.Add($"{SourceTypes.NameOf(type)} implements IRequest<> but its name ends in neither Command nor Query");
            }
        }

        return Result(types, violations);
    }

    /// <summary>
    /// Handlers and validators are found and registered by convention, and nothing else calls them:
    /// they stay internal to the assembly (not visible from outside it).
    /// </summary>
    public static RuleResult CheckHandlersAndValidatorsNotPublic(Assembly assembly, string namespacePrefix)
    {
        var types = SourceTypes.InNamespace(assembly, namespacePrefix)
            .Where(type => MediatorTypes.IsHandler(type) || MediatorTypes.IsValidator(type))
            .ToList();
        var violations = types
            .Where(type => type.IsVisible)
            .Select(type => $"{SourceTypes.NameOf(type)} is a public {(MediatorTypes.IsHandler(type) ? "handler" : "validator")}")
            .ToList();

        return Result(types, violations);
    }

    /// <summary>
    /// Commands and queries are records (the compiler's <c>EqualityContract</c> and <c>&lt;Clone&gt;$</c>
    /// are there) whose state is fixed once built: no <c>set</c> accessor of any visibility, only
    /// <c>init</c>, and only readonly fields.
    /// </summary>
    public static RuleResult CheckRequestsAreImmutableRecords(Assembly assembly, string namespacePrefix)
    {
        var requests = SourceTypes.InNamespace(assembly, namespacePrefix).Where(MediatorTypes.IsConcreteRequest).ToList();
        var violations = new List<string>();
        foreach (var request in requests)
        {
            var name = SourceTypes.NameOf(request);
            if (!IsRecordClass(request))
            {
                violations.Add($"{name} is not a record");
            }

            violations.AddRange(request.GetProperties(AllMembers)
                .Where(property => property.SetMethod is { } setter && !IsInitOnly(setter))
                .Select(property => $"{name}.{property.Name} has a set accessor; use init"));

            // Backing fields of auto-properties are judged through their property, above.
            violations.AddRange(request.GetFields(AllMembers)
                .Where(field => !field.IsInitOnly && !field.IsLiteral)
                .Where(field => !field.IsDefined(typeof(CompilerGeneratedAttribute), inherit: false))
                .Select(field => $"{name}.{field.Name} is a field that is not readonly"));
        }

        return Result(requests, violations);
    }

    private static bool IsRecordClass(Type type) =>
        type.IsClass
        && type.GetProperties(AllMembers).Any(property => property.Name == "EqualityContract")
        && type.GetMethods(AllMembers).Any(method => method.Name == "<Clone>$");

    private static bool IsInitOnly(MethodInfo setter) =>
        setter.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(IsExternalInit));

    private static RuleResult Result(IEnumerable<Type> checkedTypes, IEnumerable<string> violations) =>
        new(checkedTypes.Select(SourceTypes.NameOf).ToList(), violations.Order(StringComparer.Ordinal).ToList());
}
