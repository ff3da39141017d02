using EventBooking.Domain.Common;

namespace EventBooking.WebApi.Http;

/// <summary>An endpoint result that writes a domain <see cref="Error"/> as the error envelope.</summary>
internal sealed class ErrorResult(Error error) : IResult
{
    public Error Error { get; } = error;

    public Task ExecuteAsync(HttpContext httpContext) => ErrorResponses.WriteAsync(httpContext, Error);
}
