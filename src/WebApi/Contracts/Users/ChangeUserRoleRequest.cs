namespace EventBooking.WebApi.Contracts.Users;

public sealed record ChangeUserRoleRequest(string? Role);
