namespace EventBooking.Application.Common.Interfaces;

/// <summary>The caller, as established from the bearer token and re-checked against the database on each request.</summary>
public interface ICurrentUser
{
    bool IsAuthenticated { get; }

    /// <summary>The caller's user id. Reading it on an anonymous request is a wiring bug and throws.</summary>
    int Id { get; }

    /// <summary>The caller's current role (from the database, not from the token).</summary>
    string Role { get; }

    bool IsAdmin { get; }

    /// <summary>The caller as the domain's rules see it.</summary>
    Domain.Common.Actor Actor => new(Id, IsAdmin);

    /// <summary>Where the request comes from (the client's IP address), for throttling.</summary>
    string Client { get; }
}
