using System.Globalization;

namespace EventBooking.WebApi.Http;

/// <summary>
/// CSV cells as RFC 4180 writes them (quoted when they hold a comma, quote, CR or LF; quotes doubled),
/// and safe to open in a spreadsheet: a cell that would start a formula (= + - @, tab, CR) is prefixed
/// with an apostrophe, so a name like <c>=HYPERLINK(...)</c> stays text.
/// </summary>
internal static class Csv
{
    public const string NewLine = "\r\n";

    public static string Line(IEnumerable<string?> cells) => string.Join(',', cells.Select(Cell)) + NewLine;

    public static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
    }

    public static string Time(DateTime? utc) =>
        utc?.ToString(Json.UtcDateTimeJsonConverter.Format, CultureInfo.InvariantCulture) ?? string.Empty;
}
