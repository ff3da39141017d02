namespace EventBooking.WebApi.Http;

/// <summary>
/// The once-per-10-seconds log window of <see cref="LoginAdmissionFilter"/>, a singleton: ASP.NET Core creates an
/// endpoint filter registered by type for every request, so a window kept in the filter itself let every refusal
/// through (a 12 s login burst in build/chaos.sh wrote 2,298 identical warnings).
/// </summary>
internal sealed class LoginShedLog(TimeProvider clock)
{
    public OncePerWindow Window { get; } = new(clock, TimeSpan.FromSeconds(10));
}
