using EventBooking.Domain.Common;

namespace EventBooking.WebApi.Http;

/// <summary>
/// An endpoint result that writes a domain <see cref="Error"/> as the error envelope. Endpoints create it
/// without a clock (they are static); <see cref="ErrorResultFilter"/> hands it the injected one on the way out.
/// </summary>
internal sealed class ErrorResult(Error error, TimeProvider? clock = null) : IResult
{
    public Error Error { get; } = error;

    public ErrorResult WithClock(TimeProvider stamp) => new(Error, stamp);

    public Task ExecuteAsync(HttpContext httpContext) =>
        ErrorResponses.WriteAsync(
            httpContext,
            clock ?? throw new InvalidOperationException(
                $"An {nameof(ErrorResult)} reached the response without a clock: map the endpoint inside the group filtered by {nameof(ErrorResultFilter)}."),
            Error);
}
