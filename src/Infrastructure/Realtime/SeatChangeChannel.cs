using System.Text.Json;
using EventBooking.Application.Realtime;

namespace EventBooking.Infrastructure.Realtime;

/// <summary>The PostgreSQL notification channel that carries seat changes between API instances, and its payload.</summary>
internal static class SeatChangeChannel
{
    public const string Name = "eventbooking_seat_changes";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string Serialize(SeatChange change) => JsonSerializer.Serialize(change, Json);

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
