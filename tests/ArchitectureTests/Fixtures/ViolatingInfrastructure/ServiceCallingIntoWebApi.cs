using EventBooking.WebApi.ArchitectureTestStandIns;

namespace EventBooking.ArchitectureTests.Fixtures.ViolatingInfrastructure;

/// <summary>Planted violation: an infrastructure type that depends on a type of the web layer.</summary>
internal sealed class ServiceCallingIntoWebApi
{
    public WebApiTypeStandIn? WebApiType { get; set; }
}
