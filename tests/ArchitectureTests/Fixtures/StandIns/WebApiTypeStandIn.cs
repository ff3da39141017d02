namespace EventBooking.WebApi.ArchitectureTestStandIns;

/// <summary>
/// Stands in for a WebApi type in the planted Infrastructure violation: the real ones are internal,
/// and <c>Program</c> sits in the global namespace, where namespace rules cannot see it.
/// </summary>
internal sealed class WebApiTypeStandIn;
