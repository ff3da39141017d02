namespace EventBooking.ArchitectureTests.Fixtures.NonStaticEndpoints.Endpoints;

/// <summary>Planted violation: abstract alone is not static; endpoint groups share no base class.</summary>
internal abstract class ShopEndpoints
{
    public abstract string Prefix { get; }
}
