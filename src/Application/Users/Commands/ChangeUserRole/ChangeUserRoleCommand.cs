using EventBooking.Application.Auth;
using EventBooking.Application.Common.Behaviours;
using EventBooking.Domain.Common;
using MediatR;

namespace EventBooking.Application.Users.Commands.ChangeUserRole;

/// <summary>An admin promotes a user to admin or demotes an admin to user.</summary>
public sealed record ChangeUserRoleCommand(int UserId, string Role) : IRequest<Result<AuthUserResponse>>, ITransactional;
