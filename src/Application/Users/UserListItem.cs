namespace EventBooking.Application.Users;

public sealed record UserListItem(int Id, string Email, string Name, string Role, DateTime CreatedAt);
