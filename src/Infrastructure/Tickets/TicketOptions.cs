namespace EventBooking.Infrastructure.Tickets;

/// <summary>Ticket signing (docs/adr/0017): the <c>Tickets</c> configuration section.</summary>
public sealed class TicketOptions
{
    public const string SectionName = "Tickets";

    /// <summary>
    /// The EC P-256 private key (PEM: PKCS#8 <c>PRIVATE KEY</c> or SEC 1 <c>EC PRIVATE KEY</c>) that signs new tickets.
    /// There is no default: outside Development the API refuses to start without one. <c>\n</c> escapes are accepted
    /// for environments that cannot hold a line break.
    /// </summary>
    public string? SigningKey { get; set; }

    /// <summary>
    /// Retired keys (PEM, public or private) whose tickets still verify and which stay listed in the JWK Set
    /// (<c>Tickets__VerificationKeys__0</c>, <c>__1</c>, ...). Rotate by moving the old signing key here.
    /// </summary>
    public List<string> VerificationKeys { get; set; } = [];

    /// <summary>The <c>iss</c> of every ticket, checked on verification.</summary>
    public string Issuer { get; set; } = "eventbooking-tickets";
}
