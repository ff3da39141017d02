namespace EventBooking.ArchitectureTests.Fixtures.UsingDynamic;

/// <summary>
/// Planted violation: <c>dynamic</c> in a signature only. Nothing calls the runtime binder, so only the
/// compiler's <c>DynamicAttribute</c> gives it away.
/// </summary>
internal static class HandlerWithDynamicParameter
{
    public static object Describe(dynamic value) => value;
}
