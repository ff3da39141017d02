using EventBooking.Domain.Common;

namespace EventBooking.WebApi.Http;

/// <summary>
/// An endpoint result that writes a domain <see cref="Error"/> as the error envelope. Endpoints create it
/// without a clock (they are static); <see cref="ErrorResultFilter"/> hands it the injected one on the way out.
/// An endpoint mapped outside the filtered group still answers correctly, stamped by the system clock: a
/// missed filter must not turn a client's 4xx into a 500.
/// </summary>
internal sealed class ErrorResult(Error error, TimeProvider? clock = null) : IResult
{
    public Error Error { get; } = error;

    public ErrorResult WithClock(TimeProvider stamp) => new(Error, stamp);

    public Task ExecuteAsync(HttpContext httpContext) =>
        ErrorResponses.WriteAsync(
            httpContext,
            clock ?? TimeProvider.System,
            Error);
}
