namespace EventBooking.Domain.Common;

/// <summary>
/// Lets generic code (a pipeline behaviour) build a failed result of a type it only knows as a type
/// parameter, without reflection or <c>dynamic</c>.
/// </summary>
public interface IFailureFactory<out TSelf>
    where TSelf : IFailureFactory<TSelf>
{
    static abstract TSelf FromError(Error error);
}
