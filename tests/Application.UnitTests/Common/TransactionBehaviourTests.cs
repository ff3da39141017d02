using EventBooking.Application.Common.Behaviours;
using EventBooking.Application.Common.Interfaces;
using EventBooking.Domain.Common;
using MediatR;
using NSubstitute;

namespace EventBooking.Application.UnitTests.Common;

public sealed class TransactionBehaviourTests
{
    private readonly IUnitOfWork _unitOfWork = Substitute.For<IUnitOfWork>();
    private readonly ITransactionScope _transaction = Substitute.For<ITransactionScope>();

    public TransactionBehaviourTests() => _unitOfWork.BeginTransactionAsync(Arg.Any<CancellationToken>()).Returns(_transaction);

    public sealed record Transactional : IRequest<Result<string>>, ITransactional;

    public sealed record Plain : IRequest<Result<string>>;

    [Fact]
    public async Task Handle_WhenATransactionalCommandSucceeds_ShouldRunTheHandlerInsideTheTransactionAndCommit()
    {
        var behaviour = new TransactionBehaviour<Transactional, Result<string>>(_unitOfWork);

        var result = await behaviour.Handle(new Transactional(), CancellationToken.None, () =>
        {
            _unitOfWork.Received(1).BeginTransactionAsync(Arg.Any<CancellationToken>());
            return Task.FromResult(Result<string>.Success("done"));
        });

        Assert.Equal("done", result.Value);
        Received.InOrder(async () =>
        {
            await _transaction.CommitAsync(Arg.Any<CancellationToken>());
            await _transaction.DisposeAsync();
        });
    }

    [Fact]
    public async Task Handle_WhenATransactionalCommandReturnsAnError_ShouldRollBack()
    {
        var behaviour = new TransactionBehaviour<Transactional, Result<string>>(_unitOfWork);

        var result = await behaviour.Handle(
            new Transactional(), CancellationToken.None, () => Task.FromResult(Result<string>.Failure(Error.Conflict("no"))));

        Assert.True(result.IsFailure);
        await _transaction.DidNotReceiveWithAnyArgs().CommitAsync(default);
        await _transaction.Received(1).DisposeAsync();
    }

    [Fact]
    public async Task Handle_WhenTheHandlerThrows_ShouldRollBackAndRethrow()
    {
        var behaviour = new TransactionBehaviour<Transactional, Result<string>>(_unitOfWork);

        await Assert.ThrowsAsync<TimeoutException>(() =>
            behaviour.Handle(new Transactional(), CancellationToken.None, () => throw new TimeoutException()));

        await _transaction.DidNotReceiveWithAnyArgs().CommitAsync(default);
        await _transaction.Received(1).DisposeAsync();
    }

    [Fact]
    public async Task Handle_WhenTheRequestDeclaresNoTransaction_ShouldOpenNone()
    {
        var behaviour = new TransactionBehaviour<Plain, Result<string>>(_unitOfWork);

        var result = await behaviour.Handle(new Plain(), CancellationToken.None, () => Task.FromResult(Result<string>.Success("done")));

        Assert.True(result.IsSuccess);
        await _unitOfWork.DidNotReceiveWithAnyArgs().BeginTransactionAsync(default);
    }
}
