using System.Security.Cryptography;

namespace EventBooking.Domain.Bookings;

/// <summary>
/// The public booking id: <c>BK-</c> + creation time in milliseconds in base 36 + <c>-</c> + 6 random
/// base-36 characters, upper-case (e.g. <c>BK-MIN3Q8ZK-4F7A2C</c>). The random part comes from a
/// cryptographic generator, so ids cannot be guessed from one another.
/// </summary>
public static class BookingReference
{
    public const int RandomLength = 6;
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

    public static string New(DateTime utcNow)
    {
        var milliseconds = (long)(utcNow - DateTime.UnixEpoch).TotalMilliseconds;
        Span<char> random = stackalloc char[RandomLength];
        for (var i = 0; i < RandomLength; i++)
        {
            random[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }

        return $"BK-{ToBase36(milliseconds)}-{random}";
    }

    /// <summary>Lookups ignore case and surrounding spaces: every stored id is upper-case.</summary>
    public static string Normalize(string bookingId) => bookingId.Trim().ToUpperInvariant();

    private static string ToBase36(long value)
    {
        if (value <= 0)
        {
            return "0";
        }

        Span<char> buffer = stackalloc char[13];
        var position = buffer.Length;
        while (value > 0)
        {
            buffer[--position] = Alphabet[(int)(value % 36)];
            value /= 36;
        }

        return new string(buffer[position..]);
    }
}
