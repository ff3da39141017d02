using EventBooking.Application.Common.Paging;
using EventBooking.Domain.Common;
using MediatR;

namespace EventBooking.Application.Users.Queries.ListUsers;

public sealed record ListUsersQuery(int Limit = Paging.DefaultLimit, int Offset = 0) : IRequest<Result<UserListResponse>>;
