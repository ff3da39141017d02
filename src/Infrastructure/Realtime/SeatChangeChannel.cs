using System.Text.Json;
using EventBooking.Application.Realtime;

namespace EventBooking.Infrastructure.Realtime;

/// <summary>
/// The PostgreSQL notification channel that carries seat changes between API instances, and the reader of its
/// payload. The payload is built in one place only, the SQL function <c>notify_seat_changes</c>, which every ledger
/// function calls, directly or through <c>notify_seat_change</c> (migrations SeatLedgerFunctions, BookingsJudgedAsOneSet);
/// a test holds the two to the same shape.
/// </summary>
internal static class SeatChangeChannel
{
    public const string Name = "eventbooking_seat_changes";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static SeatChange? Deserialize(string payload)
    {
        try
        {
            return JsonSerializer.Deserialize<SeatChange>(payload, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
