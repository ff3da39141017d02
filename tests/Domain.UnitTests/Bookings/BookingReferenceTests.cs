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
    public void New_ShouldAlmostNeverRepeatInTheSameMillisecond()
    {
        // Six base-36 symbols are 36^6 = 2.2e9 values: 10,000 draws in one millisecond repeat one with a probability of
        // about 2 % (the birthday bound), which the ledger's booking-id retry absorbs. Demanding none made this test
        // fail in about one CI run in fifty; three or more repeats (probability ~2e-6) would mean a weak generator.
        var ids = Enumerable.Range(0, 10_000).Select(_ => BookingReference.New(Now)).ToList();

        Assert.InRange(ids.Count - ids.Distinct(StringComparer.Ordinal).Count(), 0, 2);
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
