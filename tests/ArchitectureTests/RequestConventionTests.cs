using System.Reflection;
using EventBooking.ArchitectureTests.Rules;
using EventBooking.ArchitectureTests.Support;

namespace EventBooking.ArchitectureTests;

/// <summary>
/// Conventions of the MediatR use cases. Each rule runs on the real assembly, and then, with the same
/// checker, on planted violations under <c>Fixtures/</c>, to show it can fail.
/// </summary>
public class RequestConventionTests
{
    private const string FixturesNamespace = "EventBooking.ArchitectureTests.Fixtures";

    private static readonly Assembly TestAssembly = typeof(RequestConventionTests).Assembly;

    [Fact]
    public void Commands_ShouldEachHaveOneValidatorInTheirOwnFolder()
    {
        var result = RequestRules.CheckCommandValidators(Layers.Application, Layers.ApplicationNamespace);

        ArchitectureAssert.RuleHolds(
            "Every command must have exactly one AbstractValidator<TCommand>, in the command's own namespace (folder).",
            result,
            Layers.ApplicationNamespace);
    }

    [Fact]
    public void CommandValidatorRule_WhenViolated_ShouldReportEachCommand()
    {
        const string Scope = $"{FixturesNamespace}.CommandValidators";

        var result = RequestRules.CheckCommandValidators(TestAssembly, Scope);

        Assert.Contains($"{Scope}.PlaceOrder.PlaceOrderCommand", result.CheckedTypes);
        Assert.DoesNotContain($"{Scope}.GetOrder.GetOrderQuery", result.CheckedTypes);
        ArchitectureAssert.ReportsExactly(
            [
                $"{Scope}.CancelOrder.CancelOrderCommand has its validator in another namespace: {Scope}.Validators.CancelOrderCommandValidator",
                $"{Scope}.RefundOrder.RefundOrderCommand has 2 validators: {Scope}.RefundOrder.RefundAmountValidator, {Scope}.RefundOrder.RefundOrderCommandValidator",
                $"{Scope}.ShipOrder.ShipOrderCommand has no validator",
            ],
            result.Violations);
    }

    [Theory]
    [MemberData(nameof(Layers.AllNames), MemberType = typeof(Layers))]
    public void Layer_ShouldNameCommandsAndQueriesOnlyWhatIsARequest(string layer)
    {
        var scope = Layers.AssemblyNamePrefix + layer;

        var result = RequestRules.CheckRequestNames(Layers.ByName(layer), scope);

        ArchitectureAssert.RuleHolds(
            "Types named *Command or *Query must implement MediatR's IRequest<>, and requests must be named *Command or *Query.",
            result,
            scope);
    }

    [Fact]
    public void RequestNameRule_WhenViolated_ShouldReportMisnamedTypes()
    {
        const string Scope = $"{FixturesNamespace}.MisnamedRequests";

        var result = RequestRules.CheckRequestNames(TestAssembly, Scope);

        Assert.Contains($"{Scope}.CloseOrderCommand", result.CheckedTypes);
        Assert.Contains($"{Scope}.OrderCommands", result.CheckedTypes);
        ArchitectureAssert.ReportsExactly(
            [
                $"{Scope}.ArchiveOrderCommand is named like a command or query but does not implement IRequest<>",
                $"{Scope}.OrderHistoryQuery is named like a command or query but does not implement IRequest<>",
                $"{Scope}.ReopenOrder implements IRequest<> but its name ends in neither Command nor Query",
            ],
            result.Violations);
    }

    [Fact]
    public void HandlersAndValidators_ShouldNotBePublic()
    {
        var result = RequestRules.CheckHandlersAndValidatorsNotPublic(Layers.Application, Layers.ApplicationNamespace);

        ArchitectureAssert.RuleHolds(
            "Request handlers, notification handlers and validators must not be public.",
            result,
            Layers.ApplicationNamespace);
    }

    [Fact]
    public void HandlerVisibilityRule_WhenViolated_ShouldReportPublicHandlersAndValidators()
    {
        const string Scope = $"{FixturesNamespace}.PublicHandlers";

        var result = RequestRules.CheckHandlersAndValidatorsNotPublic(TestAssembly, Scope);

        Assert.Contains($"{Scope}.TrackParcelQueryHandler", result.CheckedTypes);
        Assert.Contains($"{Scope}.TrackParcelQueryValidator", result.CheckedTypes);
        Assert.DoesNotContain($"{Scope}.ShipParcelCommand", result.CheckedTypes);
        ArchitectureAssert.ReportsExactly(
            [
                $"{Scope}.ParcelShippedHandler is a public handler",
                $"{Scope}.ShipParcelCommandHandler is a public handler",
                $"{Scope}.ShipParcelCommandValidator is a public validator",
            ],
            result.Violations);
    }

    [Fact]
    public void CommandsAndQueries_ShouldBeImmutableRecords()
    {
        var result = RequestRules.CheckRequestsAreImmutableRecords(Layers.Application, Layers.ApplicationNamespace);

        ArchitectureAssert.RuleHolds(
            "Commands and queries must be records with init-only properties and readonly fields.",
            result,
            Layers.ApplicationNamespace);
    }

    [Fact]
    public void ImmutableRecordRule_WhenViolated_ShouldReportEachMutableMember()
    {
        const string Scope = $"{FixturesNamespace}.MutableRequests";

        var result = RequestRules.CheckRequestsAreImmutableRecords(TestAssembly, Scope);

        Assert.Contains($"{Scope}.ListOrdersQuery", result.CheckedTypes);
        ArchitectureAssert.ReportsExactly(
            [
                $"{Scope}.RenameOrderCommand is not a record",
                $"{Scope}.RenameOrderCommand.Name has a set accessor; use init",
                $"{Scope}.ReprioritiseOrderCommand._attempts is a field that is not readonly",
                $"{Scope}.ReprioritiseOrderCommand.Note has a set accessor; use init",
                $"{Scope}.ReprioritiseOrderCommand.Priority has a set accessor; use init",
            ],
            result.Violations);
    }
}
