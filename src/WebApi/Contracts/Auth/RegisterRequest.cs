namespace EventBooking.WebApi.Contracts.Auth;

/// <summary>
/// The register body. Fields are nullable so a missing one is reported by the validator by name. A
/// <c>role</c> field is accepted and ignored: there is no property for it.
/// </summary>
public sealed record RegisterRequest(string? Email, string? Name, string? Password);
