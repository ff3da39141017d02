using EventBooking.Application.Auth;
using EventBooking.Application.Common.Paging;
using EventBooking.Application.Users;
using EventBooking.Application.Users.Commands.ChangeUserRole;
using EventBooking.Application.Users.Queries.ListUsers;
using EventBooking.WebApi.Contracts.Users;
using EventBooking.WebApi.Http;
using EventBooking.WebApi.OpenApi;
using EventBooking.WebApi.Security;
using MediatR;

namespace EventBooking.WebApi.Endpoints;

/// <summary>Admin user management: list users, promote and demote.</summary>
internal static class AdminUserEndpoints
{
    public static IEndpointRouteBuilder MapAdminUserEndpoints(this IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/api/admin/users").WithTags("Admin").RequireAuthorization(AuthorizationPolicies.Admin);

        users.MapGet("", ListUsers)
            .WithName("ListUsers")
            .WithSummary("All users, ordered by id (admin only)")
            .Produces<SuccessEnvelope<UserListResponse>>()
            .ProducesErrors(400, 401, 403, 429, 503);

        users.MapPut("/{id}/role", ChangeRole)
            .WithName("ChangeUserRole")
            .WithSummary("Make a user an admin or an admin a user; the last admin cannot be demoted (admin only)")
            .Accepts<ChangeUserRoleRequest>("application/json")
            .Produces<SuccessEnvelope<AuthUserResponse>>()
            .ProducesErrors(400, 401, 403, 404, 409, 413, 415, 429, 503);

        return app;
    }

    private static async Task<IResult> ListUsers(int? limit, int? offset, IMediator mediator, CancellationToken cancellationToken) =>
        (await mediator.Send(new ListUsersQuery(limit ?? Paging.DefaultLimit, offset ?? 0), cancellationToken)).ToHttpResult();

    private static async Task<IResult> ChangeRole(
        int id, ChangeUserRoleRequest request, IMediator mediator, CancellationToken cancellationToken) =>
        (await mediator.Send(new ChangeUserRoleCommand(id, request.Role ?? string.Empty), cancellationToken)).ToHttpResult();
}
