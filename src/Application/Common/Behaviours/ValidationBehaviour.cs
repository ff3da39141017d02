using EventBooking.Domain.Common;
using FluentValidation;
using MediatR;

namespace EventBooking.Application.Common.Behaviours;

/// <summary>
/// Runs the request's FluentValidation validators before its handler. Shape problems come back as one
/// <see cref="ErrorType.Validation"/> error listing every field, and the handler never runs.
/// </summary>
internal sealed class ValidationBehaviour<TRequest, TResponse>(IEnumerable<IValidator<TRequest>> validators)
    : IPipelineBehavior<TRequest, TResponse>
    where TResponse : IFailureFactory<TResponse>
{
    public async Task<TResponse> Handle(
        TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var details = new List<ErrorDetail>();
        foreach (var validator in validators)
        {
            var result = await validator.ValidateAsync(request, cancellationToken);
            details.AddRange(result.Errors.Select(f => new ErrorDetail(ToFieldName(f.PropertyName), f.ErrorMessage)));
        }

        if (details.Count == 0)
        {
            return await next();
        }

        var message = details.Count == 1
            ? details[0].Message
            : $"Validation failed: {string.Join("; ", details.Select(d => d.Message).Distinct(StringComparer.Ordinal))}";
        return TResponse.FromError(Error.Validation(message, details));
    }

    /// <summary>Field names as clients send them: camelCase JSON names.</summary>
    private static string ToFieldName(string propertyName) =>
        string.IsNullOrEmpty(propertyName) ? propertyName : char.ToLowerInvariant(propertyName[0]) + propertyName[1..];
}
