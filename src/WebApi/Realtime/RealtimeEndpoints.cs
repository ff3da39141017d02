using EventBooking.Application.Common.Interfaces;

namespace EventBooking.WebApi.Realtime;

/// <summary>
/// Contract section 6: <c>/ws?token=</c> and <c>/ws/events/{eventId}?token=</c> (which subscribes on
/// connect). The token is checked before the upgrade; without a valid one the answer is 401 and no
/// socket is opened.
/// </summary>
internal static class RealtimeEndpoints
{
    public const string PathPrefix = "/ws";

    public static IEndpointRouteBuilder MapRealtimeEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet(PathPrefix, Connect).RequireAuthorization().ExcludeFromDescription();
        app.MapGet($"{PathPrefix}/events/{{eventId:int:min(1)}}", ConnectToEvent).RequireAuthorization().ExcludeFromDescription();
        return app;
    }

    private static Task Connect(HttpContext context, RealtimeProtocol protocol, ICurrentUser currentUser) =>
        protocol.HandleAsync(context, currentUser.Id, eventId: null);

    private static Task ConnectToEvent(int eventId, HttpContext context, RealtimeProtocol protocol, ICurrentUser currentUser) =>
        protocol.HandleAsync(context, currentUser.Id, eventId);
}
