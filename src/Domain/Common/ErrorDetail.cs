namespace EventBooking.Domain.Common;

/// <summary>One field-level problem of a validation error, e.g. ("password", "Password must be at least 8 characters").</summary>
public sealed record ErrorDetail(string Field, string Message);
