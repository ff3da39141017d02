using FluentValidation;
using MediatR;

namespace EventBooking.ArchitectureTests.Rules;

/// <summary>How the request rules recognise MediatR requests and handlers and FluentValidation validators.</summary>
internal static class MediatorTypes
{
    public const string CommandSuffix = "Command";
    public const string QuerySuffix = "Query";

    /// <summary>Implements <c>IRequest&lt;T&gt;</c>, directly or through <c>IRequest</c> or another interface.</summary>
    public static bool IsRequest(Type type) => ImplementsGeneric(type, typeof(IRequest<>));

    /// <summary>A request that can be sent: not abstract, not an interface, not an open generic.</summary>
    public static bool IsConcreteRequest(Type type) =>
        type is { IsAbstract: false, IsInterface: false, ContainsGenericParameters: false } && IsRequest(type);

    public static bool IsCommand(Type type) =>
        IsConcreteRequest(type) && SourceTypes.SimpleName(type).EndsWith(CommandSuffix, StringComparison.Ordinal);

    public static bool HasRequestName(Type type)
    {
        var name = SourceTypes.SimpleName(type);
        return name.EndsWith(CommandSuffix, StringComparison.Ordinal) || name.EndsWith(QuerySuffix, StringComparison.Ordinal);
    }

    /// <summary>Request handlers (with or without a response) and notification handlers.</summary>
    public static bool IsHandler(Type type) =>
        ImplementsGeneric(type, typeof(IRequestHandler<,>))
        || ImplementsGeneric(type, typeof(IRequestHandler<>))
        || ImplementsGeneric(type, typeof(INotificationHandler<>));

    public static bool IsValidator(Type type) => ValidatedType(type) is not null;

    /// <summary>The <c>T</c> of the <c>AbstractValidator&lt;T&gt;</c> that <paramref name="type"/> derives from, if any.</summary>
    public static Type? ValidatedType(Type type)
    {
        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (current.IsGenericType && current.GetGenericTypeDefinition() == typeof(AbstractValidator<>))
            {
                return current.GetGenericArguments()[0];
            }
        }

        return null;
    }

    private static bool ImplementsGeneric(Type type, Type openInterface) =>
        type.GetInterfaces().Any(candidate => candidate.IsGenericType && candidate.GetGenericTypeDefinition() == openInterface);
}
