using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace EventBooking.WebApi.OpenApi;

/// <summary>The document's title, licence, tag descriptions and servers, and the WebSocket protocol (which OpenAPI cannot model) in its description.</summary>
internal sealed class DocumentInfoTransformer : IOpenApiDocumentTransformer
{
    public const string Description = """
        Book seats at events.

        **Envelopes.** Every answer of the API is an envelope: `{"success": true, "data": ...}`, `{"success": true, "message": "..."}`
        for the deletes, or `{"success": false, "error": {code, message, timestamp, traceId, details?}}`. A request sent with
        `Accept: application/problem+json` gets its errors as RFC 9457 Problem Details instead, with the same `code` and
        `traceId` as extension members. The health probes answer `{status, checks}` without an envelope.

        **Retries.** `POST /api/bookings` takes an `Idempotency-Key` header: the first answer is replayed for 24 hours.

        **Seat availability over WebSocket** (not an OpenAPI operation). Connect to `/ws/events/{eventId}?token=JWT`
        (subscribed to the event on connect) or `/ws?token=JWT`; a missing or invalid token is refused before the upgrade
        with 401 in the error envelope. Every server message is a JSON text frame with `type` and `timestamp` (UTC, ISO 8601):

        | type | fields | when |
        |---|---|---|
        | `connection_established` | `clientId`, `eventId` (null on `/ws`) | once, after the upgrade |
        | `subscribed` / `unsubscribed` | `eventId` | answer to the client messages below |
        | `seat_update` | `eventId`, `availableSeats`, `seatCapacity` | the event's seats changed (any instance) |
        | `booking_created` / `booking_cancelled` / `booking_transferred` | `eventId`, `availableSeats` | the change that caused it |
        | `waitlist_offer` | `eventId`, `offerExpiresAt` | to the offered user's sockets only |
        | `pong` | | answer to `ping` |
        | `stats` | `data: {totalClients, eventSubscriptions}` | answer to `get_stats` |
        | `error` | `message` | a client message that is not understood |

        Client messages: `{"type": "subscribe_event", "eventId": 1}`, `{"type": "unsubscribe_event", "eventId": 1}`,
        `{"type": "ping"}`, `{"type": "get_stats"}`. A socket that falls too far behind (its outbox full) is closed:
        reconnect and read the event for the current count. The repository's docs/api.md has the details.
        """;

    private static readonly Dictionary<string, string> TagDescriptions = new(StringComparer.Ordinal)
    {
        ["Auth"] = "Register, sign in (JWT), and the signed-in user.",
        ["Admin"] = "User administration (admins only).",
        ["Events"] = "Events with their seat capacity and image; reads are anonymous, writes for admins and the event's creator.",
        ["Bookings"] = "One seat per booking; at most one confirmed booking per user and event; never past events.",
        ["Waiting list"] = "Queue for a sold-out event; the first in line gets a time-limited hold when a seat frees.",
        ["Tickets"] = "Signed QR tickets of confirmed bookings, and check-in at the door.",
        ["Health"] = "Liveness and readiness probes for load balancers and orchestrators.",
    };

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "EventBooking API";
        document.Info.Description = Description;
        document.Info.License = new OpenApiLicense { Name = "Proprietary", Identifier = "LicenseRef-EventBooking" };

        foreach (var server in document.Servers ?? [])
        {
            server.Url = server.Url?.TrimEnd('/');
        }

        foreach (var tag in document.Tags ?? new HashSet<OpenApiTag>())
        {
            if (tag.Name is { } name && TagDescriptions.TryGetValue(name, out var description))
            {
                tag.Description = description;
            }
        }

        return Task.CompletedTask;
    }
}
