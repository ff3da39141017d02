namespace EventBooking.WebApi.Http;

/// <summary>
/// Gives an endpoint's <see cref="ErrorResult"/> the injected clock its envelope is stamped with, so the
/// static endpoint handlers stay one line of send-and-map. On the group every API endpoint is mapped in.
/// </summary>
internal sealed class ErrorResultFilter(TimeProvider clock) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context);
        return result is ErrorResult error ? error.WithClock(clock) : result;
    }
}
