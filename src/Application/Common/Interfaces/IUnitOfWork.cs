namespace EventBooking.Application.Common.Interfaces;

/// <summary>Saves the changes made to loaded aggregates, optionally inside an explicit transaction.</summary>
public interface IUnitOfWork
{
    Task SaveChangesAsync(CancellationToken cancellationToken);

    /// <summary>Starts a transaction; row locks taken inside it hold until it commits or is disposed (rolled back).</summary>
    Task<ITransactionScope> BeginTransactionAsync(CancellationToken cancellationToken);
}

public interface ITransactionScope : IAsyncDisposable
{
    Task CommitAsync(CancellationToken cancellationToken);
}
