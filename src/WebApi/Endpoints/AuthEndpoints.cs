using EventBooking.Application.Auth;
using EventBooking.Application.Auth.Commands.Login;
using EventBooking.Application.Auth.Commands.Register;
using EventBooking.Application.Auth.Queries.GetCurrentUser;
using EventBooking.WebApi.Contracts.Auth;
using EventBooking.WebApi.Http;
using EventBooking.WebApi.OpenApi;
using EventBooking.WebApi.RateLimiting;
using MediatR;

namespace EventBooking.WebApi.Endpoints;

/// <summary>Contract section 3: register, login, me.</summary>
internal static class AuthEndpoints
{
    public static IEndpointRouteBuilder MapAuthEndpoints(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/auth").WithTags("Auth");

        auth.MapPost("/register", Register)
            .AllowAnonymous()
            .RequireRateLimiting(RateLimiting.RateLimiting.AuthPolicy)
            .WithName("Register")
            .WithSummary("Create an account (always role 'user') and sign in")
            .Accepts<RegisterRequest>("application/json")
            .Produces<SuccessEnvelope<AuthResponse>>(StatusCodes.Status201Created)
            .ProducesErrors(400, 409, 413, 415, 429, 503);

        auth.MapPost("/login", Login)
            .AllowAnonymous()
            .RequireRateLimiting(RateLimiting.RateLimiting.AuthPolicy)
            .AddEndpointFilter<LoginAdmissionFilter>()
            .WithName("Login")
            .WithSummary("Sign in with email and password")
            .Accepts<LoginRequest>("application/json")
            .Produces<SuccessEnvelope<AuthResponse>>()
            .ProducesErrors(400, 401, 413, 415, 429, 503);

        auth.MapGet("/me", Me)
            .RequireAuthorization()
            .WithName("GetCurrentUser")
            .WithSummary("The signed-in user")
            .Produces<SuccessEnvelope<CurrentUserResponse>>()
            .ProducesErrors(401, 429, 503);

        return app;
    }

    private static async Task<IResult> Register(RegisterRequest request, IMediator mediator, CancellationToken cancellationToken) =>
        (await mediator.Send(
            new RegisterCommand(request.Email ?? string.Empty, request.Name ?? string.Empty, request.Password ?? string.Empty),
            cancellationToken)).ToHttpResult(StatusCodes.Status201Created);

    private static async Task<IResult> Login(LoginRequest request, IMediator mediator, CancellationToken cancellationToken) =>
        (await mediator.Send(new LoginCommand(request.Email ?? string.Empty, request.Password ?? string.Empty), cancellationToken))
            .ToHttpResult();

    private static async Task<IResult> Me(IMediator mediator, CancellationToken cancellationToken) =>
        (await mediator.Send(new GetCurrentUserQuery(), cancellationToken)).ToHttpResult();
}
