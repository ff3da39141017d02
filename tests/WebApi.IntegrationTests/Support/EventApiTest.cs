using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace EventBooking.WebApi.IntegrationTests.Support;

/// <summary>
/// Base class for the events HTTP tests: events and bookings arranged straight in the database (fast, and
/// independent of the endpoints under test), request bodies in both formats the contract allows, and the
/// Event payload's shape.
/// </summary>
public abstract class EventApiTest(DatabaseFixture database) : ApiTest(database)
{
    protected const string Events = "/api/events";

    /// <summary>The contract's wire format for times.</summary>
    protected const string TimePattern = @"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$";

    /// <summary>A date safely in the future, whole milliseconds, as the wire carries it.</summary>
    protected static readonly DateTime FutureDate = new(2031, 5, 1, 18, 30, 0, DateTimeKind.Utc);

    protected static string Wire(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    protected static string EventPath(int id) => string.Create(CultureInfo.InvariantCulture, $"{Events}/{id}");

    protected static string ImagePath(int id) => string.Create(CultureInfo.InvariantCulture, $"{Events}/{id}/image");

    /// <summary>Inserts an event by SQL and returns its id. <paramref name="availableSeats"/> defaults to the capacity.</summary>
    protected async Task<int> InsertEventAsync(
        string name = "Concert",
        DateTime? eventDate = null,
        int seatCapacity = 100,
        int? createdBy = null,
        string? description = null,
        int? availableSeats = null,
        DateTime? updatedAt = null)
    {
        await using var command = Database.DataSource.CreateCommand(
            """
            INSERT INTO events (name, description, event_date, seat_capacity, available_seats, created_by, created_at, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $7)
            RETURNING id
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = name });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)description ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(Timestamp(eventDate ?? FutureDate));
        command.Parameters.Add(new NpgsqlParameter { Value = seatCapacity });
        command.Parameters.Add(new NpgsqlParameter { Value = availableSeats ?? seatCapacity });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)createdBy ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Integer });
        command.Parameters.Add(Timestamp(updatedAt ?? new DateTime(2026, 1, 2, 3, 4, 5, 678, DateTimeKind.Utc)));
        return (int)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Books a seat the way the API does, through the stored function; true when a seat was taken.</summary>
    protected Task<bool> BookAsync(int userId, int eventId, string bookingId) =>
        ScalarAsync<bool>("SELECT create_booking($1, $2, $3)", userId, eventId, bookingId);

    protected Task<bool> CancelBookingAsync(string bookingId) =>
        ScalarAsync<bool>("SELECT cancel_booking($1)", bookingId);

    /// <summary>Deletes a user by SQL; their events keep existing with <c>created_by</c> set to null.</summary>
    protected async Task DeleteUserAsync(int userId)
    {
        await using var command = Database.DataSource.CreateCommand("DELETE FROM users WHERE id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = userId });
        await command.ExecuteNonQueryAsync();
    }

    protected Task<long> CountEventsAsync() => ScalarAsync<long>("SELECT count(*) FROM events");

    protected Task<long> CountImagesAsync() => ScalarAsync<long>("SELECT count(*) FROM event_images");

    /// <summary>A timestamp column value as stored (UTC by the schema's convention).</summary>
    protected async Task<DateTime> TimestampAsync(string sql, params object[] parameters) =>
        DateTime.SpecifyKind(await ScalarAsync<DateTime>(sql, parameters), DateTimeKind.Utc);

    protected Task<HttpResponseMessage> SendContentAsync(HttpMethod method, string path, HttpContent content, string? token = null)
    {
        var request = Request(method, path, token);
        request.Content = content;
        return Client.SendAsync(request);
    }

    /// <summary>A multipart/form-data body with these text fields, as the old browser client sends it.</summary>
    protected static MultipartFormDataContent Form(params (string Name, string Value)[] fields)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }

        return form;
    }

    /// <summary>Adds <c>imageFile</c> with the declared file name and content type (the client's claim, not checked).</summary>
    protected static MultipartFormDataContent WithImage(
        MultipartFormDataContent form, byte[] content, string fileName = "picture.png", string contentType = "image/png")
    {
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        form.Add(file, "imageFile", fileName);
        return form;
    }

    /// <summary>The fields of a valid create, as form fields.</summary>
    protected static (string Name, string Value)[] ValidFormFields(string name = "Concert") =>
    [
        ("name", name),
        ("description", "An evening of music"),
        ("eventDate", Wire(FutureDate)),
        ("seatCapacity", "100"),
    ];

    /// <summary>
    /// The contract's Event: exactly its eleven fields (<c>creator</c> only when <paramref name="expectCreator"/>),
    /// times in the wire format, nullable fields present as null rather than missing.
    /// </summary>
    protected static void AssertEventShape(JsonElement e, bool expectCreator = true)
    {
        string[] fields = ["availableSeats", "createdAt", "createdBy", "description", "eventDate", "id", "imageUrl", "name", "seatCapacity", "updatedAt"];
        var expected = expectCreator ? fields.Append("creator") : fields;
        Assert.Equal(expected.Order(StringComparer.Ordinal), e.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Matches(TimePattern, e.GetProperty("eventDate").GetString());
        Assert.Matches(TimePattern, e.GetProperty("createdAt").GetString());
        Assert.Matches(TimePattern, e.GetProperty("updatedAt").GetString());
    }

    /// <summary>The event's <c>creator</c>: <c>{id, name, email}</c>, with <c>email</c> only when <paramref name="email"/> is given.</summary>
    protected static void AssertCreator(JsonElement e, int id, string name, string? email)
    {
        var creator = e.GetProperty("creator");
        string[] expected = email is null ? ["id", "name"] : ["email", "id", "name"];
        Assert.Equal(expected, creator.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(id, creator.GetProperty("id").GetInt32());
        Assert.Equal(name, creator.GetProperty("name").GetString());
        if (email is not null)
        {
            Assert.Equal(email, creator.GetProperty("email").GetString());
        }
    }

    protected static DateTime ParseWire(JsonElement value) =>
        DateTime.ParseExact(value.GetString()!, "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

    private static NpgsqlParameter Timestamp(DateTime utc) =>
        new() { Value = DateTime.SpecifyKind(utc, DateTimeKind.Unspecified), NpgsqlDbType = NpgsqlDbType.Timestamp };
}
