namespace EventBooking.ArchitectureTests.Fixtures.UsingDynamic;

/// <summary>Control: a statically typed call, so the rule must not report it.</summary>
internal static class CleanValidationBehaviour
{
    public static string? Validate(object validator) => validator.ToString();
}
