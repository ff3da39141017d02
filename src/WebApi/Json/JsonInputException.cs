using System.Text.Json;

namespace EventBooking.WebApi.Json;

/// <summary>
/// A JSON value our converters refuse, with the rule it breaks in words a client can act on
/// (<c>must be an ISO-8601 date and time with a time zone, ...</c>). The error answer puts the field's name before it.
/// </summary>
internal sealed class JsonInputException(string requirement) : JsonException(requirement)
{
    /// <summary>The rule, to follow the field's name.</summary>
    public string Requirement { get; } = requirement;

    /// <summary><c>eventDate</c> becomes <c>Event date</c>: how a field is named at the start of a message.</summary>
    public static string FieldInWords(string field)
    {
        var words = new System.Text.StringBuilder(field.Length + 4);
        foreach (var c in field)
        {
            if (char.IsUpper(c) && words.Length > 0)
            {
                words.Append(' ').Append(char.ToLowerInvariant(c));
            }
            else
            {
                words.Append(words.Length == 0 ? char.ToUpperInvariant(c) : c);
            }
        }

        return words.ToString();
    }
}
