using EventBooking.Application.Common.Interfaces;
using Microsoft.EntityFrameworkCore.Storage;

namespace EventBooking.Infrastructure.Persistence;

internal sealed class UnitOfWork(EventBookingDbContext db) : IUnitOfWork
{
    public Task SaveChangesAsync(CancellationToken cancellationToken) => db.SaveChangesAsync(cancellationToken);

    public async Task<ITransactionScope> BeginTransactionAsync(CancellationToken cancellationToken) =>
        new TransactionScope(await db.Database.BeginTransactionAsync(cancellationToken));

    private sealed class TransactionScope(IDbContextTransaction transaction) : ITransactionScope
    {
        public Task CommitAsync(CancellationToken cancellationToken) => transaction.CommitAsync(cancellationToken);

        // Disposing an uncommitted transaction rolls it back.
        public ValueTask DisposeAsync() => transaction.DisposeAsync();
    }
}
