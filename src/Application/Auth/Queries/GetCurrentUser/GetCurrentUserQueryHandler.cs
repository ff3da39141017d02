using EventBooking.Application.Common.Interfaces;
using EventBooking.Application.Users;
using EventBooking.Domain.Common;
using EventBooking.Domain.Users;
using MediatR;

namespace EventBooking.Application.Auth.Queries.GetCurrentUser;

internal sealed class GetCurrentUserQueryHandler(ICurrentUser currentUser, IUserReadService userReads)
    : IRequestHandler<GetCurrentUserQuery, Result<CurrentUserResponse>>
{
    public async Task<Result<CurrentUserResponse>> Handle(GetCurrentUserQuery query, CancellationToken cancellationToken)
    {
        var user = await userReads.FindAsync(currentUser.Id, cancellationToken);
        return user is null ? UserErrors.NotFound : new CurrentUserResponse(user);
    }
}
