namespace EventBooking.Application.Common.Exceptions;

/// <summary>
/// The server is saturated (e.g. too many password hashes queued). Not the client's fault and not a
/// bug: the API answers 503 with <c>Retry-After</c>.
/// </summary>
public sealed class ServiceBusyException : Exception
{
    public ServiceBusyException()
        : this(TimeSpan.FromSeconds(1))
    {
    }

    public ServiceBusyException(string message)
        : base(message)
    {
        RetryAfter = TimeSpan.FromSeconds(1);
    }

    public ServiceBusyException(string message, Exception innerException)
        : base(message, innerException)
    {
        RetryAfter = TimeSpan.FromSeconds(1);
    }

    public ServiceBusyException(TimeSpan retryAfter)
        : base("The server is busy; retry shortly.")
    {
        RetryAfter = retryAfter;
    }

    public TimeSpan RetryAfter { get; }
}
