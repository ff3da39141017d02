using EventBooking.Application.Auth;
using EventBooking.Application.Bookings;
using EventBooking.Application.Events;
using EventBooking.Application.Tickets;
using EventBooking.Application.Users;
using EventBooking.Domain.Bookings;
using EventBooking.WebApi.Contracts.Auth;
using EventBooking.WebApi.Contracts.Bookings;
using EventBooking.WebApi.Contracts.Events;
using EventBooking.WebApi.Contracts.Health;
using EventBooking.WebApi.Contracts.Users;
using EventBooking.WebApi.Http;

namespace EventBooking.WebApi.OpenApi;

/// <summary>
/// A realistic value of each request and response type, written into its schema as <c>examples</c>, so the
/// interactive docs show a real body instead of nulls. Serialized with the API's own JSON options; OpenApiTests
/// check every example against its schema.
/// </summary>
internal static class SchemaExamples
{
    private static readonly DateTime EventDate = new(2027, 3, 14, 19, 30, 0, DateTimeKind.Utc);
    private static readonly DateTime Created = new(2026, 12, 1, 10, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Booked = new(2027, 2, 2, 9, 15, 42, 120, DateTimeKind.Utc);

    private static readonly EventSummary Summary = new(42, "Jazz at the Lighthouse", EventDate, 120, 37);
    private static readonly UserSummary Attendee = new(7, "Ada Lovelace", "ada@example.com");
    private static readonly AuthUserResponse SignedIn = new(7, "ada@example.com", "Ada Lovelace", "user");

    private static readonly Dictionary<Type, object> Examples = new()
    {
        [typeof(EventJsonRequest)] = new EventJsonRequest("Jazz at the Lighthouse", "An evening of bebop by the sea.", EventDate, 120),
        [typeof(RegisterRequest)] = new RegisterRequest("ada@example.com", "Ada Lovelace", "correct-horse-battery-staple"),
        [typeof(LoginRequest)] = new LoginRequest("ada@example.com", "correct-horse-battery-staple"),
        [typeof(CreateBookingRequest)] = new CreateBookingRequest(42),
        [typeof(TransferBookingRequest)] = new TransferBookingRequest("grace@example.com"),
        [typeof(ChangeUserRoleRequest)] = new ChangeUserRoleRequest("admin"),
        [typeof(CheckInRequest)] = new CheckInRequest("eyJhbGciOiJFUzI1NiIsImtpZCI6IjFhMmIzYyJ9.eyJiaWQiOiJCSy1NSU4zUThaSy00RjdBMkMifQ.c2lnbmF0dXJl"),
        [typeof(EventResponse)] = new EventResponse(
            42, "Jazz at the Lighthouse", "An evening of bebop by the sea.", "https://api.example.com/api/events/42/image?v=1a2b3c4d",
            EventDate, 120, 37, 1, Created, Created, new CreatorResponse(1, "Grace Hopper", null)),
        [typeof(CreatorResponse)] = new CreatorResponse(1, "Grace Hopper", "grace@example.com"),
        [typeof(EventSummary)] = Summary,
        [typeof(UserSummary)] = Attendee,
        [typeof(AuthUserResponse)] = SignedIn,
        [typeof(AuthResponse)] = new AuthResponse(SignedIn, "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI3Iiwicm9sZSI6InVzZXIifQ.c2lnbmF0dXJl"),
        [typeof(BookingCreatedResponse)] = new BookingCreatedResponse("BK-MIN3Q8ZK-4F7A2C", 42, BookingStatus.Confirmed, Booked, Summary),
        [typeof(BookingDetailResponse)] = new BookingDetailResponse(
            "BK-MIN3Q8ZK-4F7A2C", 42, BookingStatus.Confirmed, Booked, null, EventDate.AddMinutes(-25), Summary, Attendee),
        [typeof(BookingSummaryResponse)] = new BookingSummaryResponse(
            1234, "BK-MIN3Q8ZK-4F7A2C", 7, 42, BookingStatus.Cancelled, Booked, Booked.AddHours(3), null, Summary),
        [typeof(BookingAdminItem)] = new BookingAdminItem(1234, "BK-MIN3Q8ZK-4F7A2C", 7, 42, BookingStatus.Confirmed, Booked, null, null, Attendee),
        [typeof(UserListItem)] = new UserListItem(7, "ada@example.com", "Ada Lovelace", "user", Created),
        [typeof(TicketResponse)] = new TicketResponse(
            "BK-MIN3Q8ZK-4F7A2C", 42, new TicketAttendee("Ada Lovelace"), "Jazz at the Lighthouse", EventDate,
            "eyJhbGciOiJFUzI1NiIsImtpZCI6IjFhMmIzYyJ9.eyJiaWQiOiJCSy1NSU4zUThaSy00RjdBMkMifQ.c2lnbmF0dXJl"),
        [typeof(CheckInResponse)] = new CheckInResponse("BK-MIN3Q8ZK-4F7A2C", new TicketAttendee("Ada Lovelace"), EventDate.AddMinutes(-25)),
        [typeof(ErrorBody)] = new ErrorBody(
            "VALIDATION_ERROR", "Validation failed", Booked, "4bf92f3577b34da6a3ce929d0e0e4736",
            [new ErrorDetailBody("eventDate", "Event date must be an ISO-8601 date and time with a time zone, e.g. 2026-12-01T10:00:00Z")]),
        [typeof(HealthResponse)] = new HealthResponse("Healthy", new Dictionary<string, string> { ["database"] = "Healthy" }),
    };

    public static bool TryGet(Type type, out object example) => Examples.TryGetValue(type, out example!);
}
