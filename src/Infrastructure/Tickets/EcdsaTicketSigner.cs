using System.Globalization;
using EventBooking.Application.Tickets;
using EventBooking.Domain.Common;
using EventBooking.Domain.Tickets;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace EventBooking.Infrastructure.Tickets;

/// <summary>
/// Tickets as compact JWS, ES256, with the signing key's RFC 7638 thumbprint as <c>kid</c> and <c>typ: ticket+jwt</c>.
/// Claims: <c>iss</c>, <c>bid</c> (booking id), <c>eid</c> (event id), <c>uid</c> (the holder's user id), <c>name</c>
/// (the holder's name) and <c>iat</c>; no expiry (a ticket is good as long as its booking). Verification accepts only
/// ES256, only our type and issuer, and only a key whose <c>kid</c> matches: the signing key or a retired one.
/// </summary>
internal sealed class EcdsaTicketSigner : ITicketSigner
{
    public const string TokenType = "ticket+jwt";

    /// <summary>
    /// The holder's name is cut to this many characters in the token. Names may be 255 characters of anything, and an
    /// escaped emoji costs 12 bytes of JSON: uncut, a token could outgrow what check-in accepts and what a QR code
    /// holds. Cut, a ticket stays under about 1,000 characters whatever the name.
    /// </summary>
    public const int MaxNameLength = 64;

    /// <summary>The longest token checked; the check-in command's limit is the same number.</summary>
    public const int MaxTokenLength = 2048;

    /// <summary>9999-12-31T23:59:59Z, the last second <see cref="DateTimeOffset"/> can hold.</summary>
    private const long MaxUnixSeconds = 253_402_300_799;

    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };
    private readonly SigningCredentials _signing;
    private readonly TokenValidationParameters _validation;
    private readonly string _issuer;

    public EcdsaTicketSigner(IOptions<TicketOptions> options)
    {
        var settings = options.Value;
        _issuer = settings.Issuer;
        var signingKey = TicketKeys.TryLoad(settings.SigningKey, requirePrivate: true, out var problem)
            ?? throw new InvalidOperationException($"Tickets__SigningKey {problem}.");
        var signingPublic = TicketKeys.PublicSecurityKey(signingKey);
        _signing = new SigningCredentials(new ECDsaSecurityKey(signingKey) { KeyId = signingPublic.KeyId }, SecurityAlgorithms.EcdsaSha256);

        var verification = new List<ECDsaSecurityKey> { signingPublic };
        foreach (var pem in settings.VerificationKeys)
        {
            using var retired = TicketKeys.TryLoad(pem, requirePrivate: false, out problem)
                ?? throw new InvalidOperationException($"A Tickets__VerificationKeys entry {problem}.");
            var retiredPublic = TicketKeys.PublicSecurityKey(retired);
            if (verification.All(k => k.KeyId != retiredPublic.KeyId))
            {
                verification.Add(retiredPublic);
            }
        }

        _validation = new TokenValidationParameters
        {
            IssuerSigningKeys = verification,
            TryAllIssuerSigningKeys = false,
            ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256],
            ValidTypes = [TokenType],
            ValidateIssuer = true,
            ValidIssuer = _issuer,
            ValidateAudience = false,
            ValidateLifetime = false,
            RequireExpirationTime = false,
            RequireSignedTokens = true,
            ValidateIssuerSigningKey = true,
        };

        PublicKeys = new TicketKeySet(verification.Select(ToJwk).ToList());
    }

    public TicketKeySet PublicKeys { get; }

    public string Sign(TicketClaims claims) =>
        _handler.CreateToken(new SecurityTokenDescriptor
        {
            TokenType = TokenType,
            Issuer = _issuer,
            SigningCredentials = _signing,
            Claims = new Dictionary<string, object>
            {
                ["bid"] = claims.BookingId,
                ["eid"] = claims.EventId,
                ["uid"] = claims.HolderId,
                ["name"] = Cut(claims.AttendeeName),
                [JwtRegisteredClaimNames.Iat] = new DateTimeOffset(claims.IssuedAt, TimeSpan.Zero).ToUnixTimeSeconds(),
            },
        });

    public async Task<Result<TicketClaims>> VerifyAsync(string token)
    {
        if (token.Length is 0 or > MaxTokenLength)
        {
            return TicketErrors.Invalid;
        }

        var result = await _handler.ValidateTokenAsync(token, _validation);
        if (!result.IsValid)
        {
            return TicketErrors.Invalid;
        }

        var claims = result.Claims;
        return Text(claims, "bid") is { Length: > 0 } bookingId
            && Number(claims, "eid") is { } eventId
            && Number(claims, "uid") is { } holderId
            && Text(claims, "name") is { } name
            && Number(claims, JwtRegisteredClaimNames.Iat) is { } issuedAt
                ? new TicketClaims(bookingId, (int)eventId, (int)holderId, name, DateTimeOffset.FromUnixTimeSeconds(issuedAt).UtcDateTime)
                : TicketErrors.Invalid;
    }

    private static string? Text(IDictionary<string, object> claims, string name) =>
        claims.TryGetValue(name, out var value) && value is string text ? text : null;

    /// <summary>An integer claim within <c>int</c> range for ids, or null.</summary>
    private static long? Number(IDictionary<string, object> claims, string name) =>
        claims.TryGetValue(name, out var value)
        && long.TryParse(Convert.ToString(value, CultureInfo.InvariantCulture), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
        && (name == JwtRegisteredClaimNames.Iat ? number <= MaxUnixSeconds : number is > 0 and <= int.MaxValue)
            ? number
            : null;

    /// <summary>At most <see cref="MaxNameLength"/> characters, never ending in half a surrogate pair.</summary>
    private static string Cut(string name)
    {
        if (name.Length <= MaxNameLength)
        {
            return name;
        }

        var length = char.IsHighSurrogate(name[MaxNameLength - 1]) ? MaxNameLength - 1 : MaxNameLength;
        return name[..length];
    }

    private static TicketPublicKey ToJwk(ECDsaSecurityKey key)
    {
        var jwk = JsonWebKeyConverter.ConvertFromECDsaSecurityKey(key);
        return new TicketPublicKey(jwk.Kty, jwk.Crv, jwk.X, jwk.Y, key.KeyId, "sig", SecurityAlgorithms.EcdsaSha256);
    }
}
