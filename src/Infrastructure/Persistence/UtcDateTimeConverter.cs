using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace EventBooking.Infrastructure.Persistence;

/// <summary>
/// The schema stores UTC in <c>timestamp without time zone</c> columns. Npgsql refuses
/// <see cref="DateTimeKind.Utc"/> values for those, so UTC is written as Unspecified and read back as UTC.
/// </summary>
internal sealed class UtcDateTimeConverter()
    : ValueConverter<DateTime, DateTime>(
        v => DateTime.SpecifyKind(v.Kind == DateTimeKind.Local ? v.ToUniversalTime() : v, DateTimeKind.Unspecified),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
