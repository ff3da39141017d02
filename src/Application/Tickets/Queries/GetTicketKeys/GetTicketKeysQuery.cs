using MediatR;

namespace EventBooking.Application.Tickets.Queries.GetTicketKeys;

/// <summary>The public keys tickets are verified with, as a JWK Set; anonymous, like any published key set.</summary>
public sealed record GetTicketKeysQuery : IRequest<TicketKeySet>;

internal sealed class GetTicketKeysQueryHandler(ITicketSigner signer) : IRequestHandler<GetTicketKeysQuery, TicketKeySet>
{
    public Task<TicketKeySet> Handle(GetTicketKeysQuery query, CancellationToken cancellationToken) => Task.FromResult(signer.PublicKeys);
}
