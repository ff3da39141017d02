using EventBooking.Domain.Bookings;

namespace EventBooking.Domain.UnitTests.Bookings;

public sealed class BookingReferenceTests
{
    private static readonly DateTime Now = new(2026, 11, 25, 12, 0, 0, 123, DateTimeKind.Utc);

    [Fact]
    public void New_ShouldFollowTheContractFormat()
    {
        var id = BookingReference.New(Now);

        Assert.Matches("^BK-[0-9A-Z]+-[0-9A-Z]{6}$", id);
        Assert.True(id.Length <= Booking.MaxBookingIdLength);
    }

    [Fact]
    public void New_ShouldEncodeTheCreationMillisecondsInBase36()
    {
        var id = BookingReference.New(Now);

        var encoded = id.Split('-')[1];
        var milliseconds = encoded.Aggregate(0L, (value, c) => (value * 36) + "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ".IndexOf(c, StringComparison.Ordinal));
        Assert.Equal(Now, DateTime.UnixEpoch.AddMilliseconds(milliseconds));
    }

    [Fact]
    public void New_ShouldNotRepeatInTheSameMillisecond()
    {
        var ids = Enumerable.Range(0, 10_000).Select(_ => BookingReference.New(Now)).ToHashSet();

        Assert.Equal(10_000, ids.Count);
    }

    [Fact]
    public void New_ShouldUseEveryCharacterOfTheAlphabetInTheRandomPart()
    {
        // A weak generator (e.g. digits only) would show here; 36 symbols over 60,000 draws all appear.
        var symbols = Enumerable.Range(0, 10_000).SelectMany(_ => BookingReference.New(Now)[^6..]).ToHashSet();

        Assert.Equal(36, symbols.Count);
    }

    [Theory]
    [InlineData("bk-seed-001", "BK-SEED-001")]
    [InlineData("  BK-min3q8zk-4f7a2c ", "BK-MIN3Q8ZK-4F7A2C")]
    public void Normalize_ShouldIgnoreCaseAndSurroundingSpaces(string input, string expected) =>
        Assert.Equal(expected, BookingReference.Normalize(input));
}
