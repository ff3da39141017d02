namespace EventBooking.Infrastructure.Persistence;

/// <summary>Configuration section <c>Bookings</c>.</summary>
internal sealed class BookingOptions
{
    public const string SectionName = "Bookings";

    /// <summary>
    /// How many bookings of one event this instance runs against PostgreSQL at once
    /// (<see cref="EventAdmission"/>); the rest wait in the API. Env: <c>Bookings__MaxConcurrentPerEvent</c>.
    /// </summary>
    public int MaxConcurrentPerEvent { get; set; } = 8;
}
