using EventBooking.Domain.Common;
using EventBooking.Domain.Tickets;

namespace EventBooking.Application.Tickets;

/// <summary>
/// Signs tickets and verifies them (docs/adr/0017): a ticket is a compact JWS that anyone holding the published
/// public keys can verify without calling the API, so a door scanner keeps working offline.
/// </summary>
public interface ITicketSigner
{
    /// <summary>The compact token for <paramref name="claims"/>, signed with the current signing key.</summary>
    string Sign(TicketClaims claims);

    /// <summary>
    /// The claims of a token signed by one of our keys (current or retired), or <see cref="TicketErrors.Invalid"/>
    /// for anything else: tampered, unknown key, wrong algorithm or type, malformed.
    /// </summary>
    Task<Result<TicketClaims>> VerifyAsync(string token);

    /// <summary>Every key a ticket may be verified with (the signing key first), public parts only.</summary>
    TicketKeySet PublicKeys { get; }
}

/// <summary>A JWK Set (RFC 7517) of the ticket verification keys.</summary>
public sealed record TicketKeySet(IReadOnlyList<TicketPublicKey> Keys);

/// <summary>One EC public key as a JWK: <c>kid</c> is its RFC 7638 thumbprint, the <c>kid</c> header of the tickets it signed.</summary>
public sealed record TicketPublicKey(string Kty, string Crv, string X, string Y, string Kid, string Use, string Alg);
