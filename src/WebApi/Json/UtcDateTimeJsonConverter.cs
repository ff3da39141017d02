using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace EventBooking.WebApi.Json;

/// <summary>
/// Times on the wire: written as UTC with milliseconds and <c>Z</c> (<c>2026-12-01T10:00:00.000Z</c>);
/// read only when they carry a zone (<c>Z</c> or an offset), because a zoneless time is ambiguous.
/// </summary>
internal sealed partial class UtcDateTimeJsonConverter : JsonConverter<DateTime>
{
    public const string Format = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    /// <summary>What an input time must be, after the field's name: the same words for a JSON body and a form.</summary>
    public const string ZoneRequired = "must be an ISO-8601 date and time with a time zone, e.g. 2026-12-01T10:00:00Z";

    public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonInputException(ZoneRequired);
        }

        return TryParse(reader.GetString(), out var value)
            ? value
            : throw new JsonInputException(ZoneRequired);
    }

    public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options) =>
        writer.WriteStringValue(ToUtc(value).ToString(Format, CultureInfo.InvariantCulture));

    /// <summary>Parses an ISO-8601 time that carries a zone, to UTC. Also used for form fields.</summary>
    public static bool TryParse(string? text, out DateTime utc)
    {
        utc = default;
        if (text is null || !ZonedIsoDateTime().IsMatch(text)
            || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            return false;
        }

        utc = parsed.UtcDateTime;
        return true;
    }

    // Stored values come back as Utc; Unspecified ones are UTC by our convention (ADR 0003).
    private static DateTime ToUtc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Local => value.ToUniversalTime(),
        DateTimeKind.Unspecified => DateTime.SpecifyKind(value, DateTimeKind.Utc),
        _ => value,
    };

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|z|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex ZonedIsoDateTime();
}
