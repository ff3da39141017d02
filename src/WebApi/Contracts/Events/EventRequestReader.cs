using System.Globalization;
using System.Text.Json;
using EventBooking.Domain.Common;
using EventBooking.Domain.Events;
using EventBooking.WebApi.Json;

namespace EventBooking.WebApi.Contracts.Events;

/// <summary>
/// Reads the event create/update body in either format the contract allows: multipart/form-data (the
/// old clients, with <c>imageFile</c>) or JSON (ours). Only parsing happens here; rules are the
/// validators' and the aggregate's. Empty values mean "not given" (the contract's "no change" on update), so taking the
/// description or the image away needs its own field, in either format: <c>removeDescription</c> / <c>removeImage</c>
/// set to true (fields the old server never had, so no existing client sends them by accident).
/// </summary>
internal static class EventRequestReader
{
    public const string ImageField = "imageFile";

    /// <summary>Room for a 5 MiB image plus the other form fields and multipart framing.</summary>
    public const long MaxBodyBytes = EventImage.MaxBytes + (256 * 1024);

    /// <param name="json">The API's JSON settings (the endpoint receives them from DI).</param>
    public static async Task<Result<EventInput>> ReadAsync(HttpRequest request, JsonSerializerOptions json, CancellationToken cancellationToken)
    {
        if (request.HasFormContentType)
        {
            return await ReadFormAsync(request, cancellationToken);
        }

        if (request.HasJsonContentType())
        {
            return await ReadJsonAsync(request, json, cancellationToken);
        }

        throw new BadHttpRequestException("Unsupported content type", StatusCodes.Status415UnsupportedMediaType);
    }

    private static async Task<Result<EventInput>> ReadJsonAsync(HttpRequest request, JsonSerializerOptions json, CancellationToken cancellationToken)
    {
        EventJsonRequest? body;
        try
        {
            body = await request.ReadFromJsonAsync<EventJsonRequest>(json, cancellationToken);
        }
        catch (JsonException ex)
        {
            // Same answer as a body the framework failed to bind (see GlobalExceptionHandler).
            throw new BadHttpRequestException("Invalid JSON body", StatusCodes.Status400BadRequest, ex);
        }

        if (body is null)
        {
            throw new BadHttpRequestException("Request body is missing", StatusCodes.Status400BadRequest);
        }

        return new EventInput(
            Blank(body.Name), Blank(body.Description), body.EventDate, body.SeatCapacity, null, body.RemoveDescription == true, body.RemoveImage == true);
    }

    private static async Task<Result<EventInput>> ReadFormAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException)
        {
            // No boundary, a truncated body, too many or too long fields: the client's malformed request.
            throw new BadHttpRequestException("Malformed multipart/form-data body", StatusCodes.Status400BadRequest, ex);
        }
        var problems = new List<ErrorDetail>();

        DateTime? eventDate = null;
        if (Blank(form["eventDate"]) is { } dateText)
        {
            if (UtcDateTimeJsonConverter.TryParse(dateText, out var parsed))
            {
                eventDate = parsed;
            }
            else
            {
                problems.Add(new ErrorDetail("eventDate", $"{JsonInputException.FieldInWords("eventDate")} {UtcDateTimeJsonConverter.ZoneRequired}"));
            }
        }

        int? seatCapacity = null;
        if (Blank(form["seatCapacity"]) is { } capacityText)
        {
            if (int.TryParse(capacityText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed))
            {
                seatCapacity = parsed;
            }
            else
            {
                problems.Add(new ErrorDetail("seatCapacity", "Seat capacity must be an integer"));
            }
        }

        var removeDescription = Flag(form, "removeDescription", problems);
        var removeImage = Flag(form, "removeImage", problems);

        var file = form.Files.GetFile(ImageField);
        if (file is { Length: > EventImage.MaxBytes })
        {
            return EventErrors.ImageTooLarge;
        }

        if (problems.Count > 0)
        {
            return Error.Validation(string.Join("; ", problems.Select(p => p.Message)), problems);
        }

        return new EventInput(
            Blank(form["name"]),
            Blank(form["description"]),
            eventDate,
            seatCapacity,
            await ReadFileAsync(file, cancellationToken),
            removeDescription,
            removeImage);
    }

    private static async Task<byte[]?> ReadFileAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        if (file is null || file.Length == 0)
        {
            return null;
        }

        using var buffer = new MemoryStream((int)file.Length);
        await file.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }

    private static string? Blank(string? value) => string.IsNullOrEmpty(value) ? null : value;

    /// <summary>A true/false form field; absent or empty is false, anything else a problem.</summary>
    private static bool Flag(IFormCollection form, string field, List<ErrorDetail> problems)
    {
        if (Blank(form[field]) is not { } text)
        {
            return false;
        }

        if (bool.TryParse(text, out var value))
        {
            return value;
        }

        problems.Add(new ErrorDetail(field, $"{field} must be true or false"));
        return false;
    }
}
