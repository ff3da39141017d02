namespace EventBooking.Application.Common.Behaviours;

/// <summary>
/// A command whose handler runs inside one database transaction (<see cref="TransactionBehaviour{TRequest, TResponse}"/>):
/// committed when it returns a success, rolled back when it returns an error or throws. Row locks taken by the
/// handler (<c>GetForUpdateAsync</c>) hold until then.
/// </summary>
public interface ITransactional;
