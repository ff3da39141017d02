namespace EventBooking.ArchitectureTests.Fixtures.UsingDynamic;

/// <summary>Planted violation: the dynamic cast that validation behaviours are criticised for.</summary>
internal static class ValidationBehaviourWithDynamic
{
    public static object? Validate(object validator, object request) => ((dynamic)validator).Validate(request);
}
