using System.Globalization;
using System.Security.Claims;
using EventBooking.Application.Auth;
using EventBooking.Application.Common.Interfaces;
using EventBooking.Infrastructure.Authentication;
using EventBooking.WebApi.Http;
using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace EventBooking.WebApi.Security;

/// <summary>
/// What happens around a bearer token: a deleted user is refused and the role comes from the users
/// table, so a demoted admin loses admin rights with the next request. A database outage during that
/// check answers 503, never 401. Failures answer in the error envelope.
/// </summary>
internal sealed class ApiJwtBearerEvents(ICallerLookup callers, IDatabaseFailures databaseFailures, TimeProvider clock)
    : JwtBearerEvents
{
    private const string DatabaseUnavailableKey = "EventBooking.Auth.DatabaseUnavailable";

    /// <summary>
    /// Browsers cannot set headers on a WebSocket handshake, so the real-time endpoints (only those)
    /// take the token from <c>?token=</c>.
    /// </summary>
    public override Task MessageReceived(MessageReceivedContext context)
    {
        if (context.Request.Path.StartsWithSegments(Realtime.RealtimeEndpoints.PathPrefix, StringComparison.OrdinalIgnoreCase)
            && context.Request.Query.TryGetValue("token", out var token) && !string.IsNullOrEmpty(token))
        {
            context.Token = token;
        }

        return Task.CompletedTask;
    }

    public override async Task TokenValidated(TokenValidatedContext context)
    {
        var idClaim = context.Principal?.FindFirst(JwtClaims.Id)?.Value;
        if (!int.TryParse(idClaim, NumberStyles.None, CultureInfo.InvariantCulture, out var userId))
        {
            context.Fail("The token carries no user id.");
            return;
        }

        CallerIdentity? user;
        try
        {
            user = await callers.FindAsync(userId, context.HttpContext.RequestAborted);
        }
        catch (Exception ex) when (databaseFailures.IsUnavailable(ex))
        {
            context.HttpContext.Items[DatabaseUnavailableKey] = true;
            context.Fail(ex);
            return;
        }

        if (user is null)
        {
            context.Fail("The user no longer exists.");
            return;
        }

        // Identity claims from the database, not from the token: they may have changed since it was issued. The token's
        // identity is changed in place (its name and role claim types are ours, JwtOptions): a new identity would clone
        // every other claim of the token on every request.
        var identity = (ClaimsIdentity)context.Principal!.Identity!;
        foreach (var stale in identity.Claims.Where(c => c.Type is JwtClaims.Role or JwtClaims.Email or JwtClaims.Name).ToList())
        {
            identity.RemoveClaim(stale);
        }

        identity.AddClaim(new Claim(JwtClaims.Role, user.Role));
        identity.AddClaim(new Claim(JwtClaims.Email, user.Email));
        identity.AddClaim(new Claim(JwtClaims.Name, user.Name));
    }

    public override Task Challenge(JwtBearerChallengeContext context)
    {
        context.HandleResponse();
        if (context.HttpContext.Items.ContainsKey(DatabaseUnavailableKey))
        {
            context.Response.Headers.RetryAfter = "5";
            return ErrorResponses.WriteAsync(
                context.HttpContext,
                clock,
                StatusCodes.Status503ServiceUnavailable,
                ErrorCodes.ServiceUnavailable,
                "The service is temporarily unavailable, please retry shortly");
        }

        var tokenPresented = context.AuthenticateFailure is not null;
        context.Response.Headers.WWWAuthenticate = tokenPresented ? "Bearer error=\"invalid_token\"" : "Bearer";
        return ErrorResponses.WriteAsync(
            context.HttpContext,
            clock,
            StatusCodes.Status401Unauthorized,
            ErrorCodes.Unauthorized,
            tokenPresented ? "Invalid or expired token" : "Authentication required");
    }

    // The only policy that forbids at the framework level is the admin policy; ownership checks
    // ("You don't have permission to ...") are decided by handlers and come back as domain errors.
    public override Task Forbidden(ForbiddenContext context) =>
        ErrorResponses.WriteAsync(context.HttpContext, clock, StatusCodes.Status403Forbidden, ErrorCodes.Forbidden, "Admin access required");
}
