namespace EventBooking.Application.Users;

/// <summary><c>{users, total, hasMore}</c>, like the other paged lists.</summary>
public sealed record UserListResponse(IReadOnlyList<UserListItem> Users, int Total, bool HasMore);
