using EventBooking.Domain.Common;
using MediatR;

namespace EventBooking.Application.Users.Queries.ListUsers;

internal sealed class ListUsersQueryHandler(IUserReadService userReads)
    : IRequestHandler<ListUsersQuery, Result<UserListResponse>>
{
    public async Task<Result<UserListResponse>> Handle(ListUsersQuery query, CancellationToken cancellationToken) =>
        await userReads.ListAsync(query.Limit, query.Offset, cancellationToken);
}
