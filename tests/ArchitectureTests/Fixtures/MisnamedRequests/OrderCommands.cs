namespace EventBooking.ArchitectureTests.Fixtures.MisnamedRequests;

/// <summary>Control: "Commands", plural, is not the Command suffix, so the rule must not report it.</summary>
internal static class OrderCommands
{
    public const string Close = "close";
}
