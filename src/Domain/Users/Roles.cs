namespace EventBooking.Domain.Users;

/// <summary>The two roles of the contract, stored as these exact strings in <c>users.role</c>.</summary>
public static class Roles
{
    public const string User = "user";
    public const string Admin = "admin";

    public static bool IsKnown(string? role) => role is User or Admin;
}
