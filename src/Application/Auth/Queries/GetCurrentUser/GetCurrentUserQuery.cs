using EventBooking.Domain.Common;
using MediatR;

namespace EventBooking.Application.Auth.Queries.GetCurrentUser;

public sealed record GetCurrentUserQuery : IRequest<Result<CurrentUserResponse>>;
