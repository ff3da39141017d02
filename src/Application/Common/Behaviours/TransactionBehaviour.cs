using EventBooking.Application.Common.Interfaces;
using EventBooking.Domain.Common;
using MediatR;

namespace EventBooking.Application.Common.Behaviours;

/// <summary>Runs an <see cref="ITransactional"/>'s handler in a transaction; other requests pass straight through.</summary>
internal sealed class TransactionBehaviour<TRequest, TResponse>(IUnitOfWork unitOfWork) : IPipelineBehavior<TRequest, TResponse>
    where TResponse : Result
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        if (request is not ITransactional)
        {
            return await next();
        }

        // Disposing an uncommitted transaction rolls it back: on an error result and on an exception alike.
        await using var transaction = await unitOfWork.BeginTransactionAsync(cancellationToken);
        var response = await next();
        if (response.IsSuccess)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        return response;
    }
}
