namespace EventBooking.WebApi.Caching;

/// <summary>This instance's cache generation (part of every entry's key).</summary>
internal sealed class EventReadCacheGeneration
{
    private long _value;

    public string Current => Interlocked.Read(ref _value).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public void Advance() => Interlocked.Increment(ref _value);
}
