using System.Reflection;
using EventBooking.ArchitectureTests.Fixtures.SeatLedgerPort;
using EventBooking.ArchitectureTests.Rules;
using EventBooking.ArchitectureTests.Support;

namespace EventBooking.ArchitectureTests;

/// <summary>
/// Seat state is written only by the seat-ledger implementation: no seat-changing SQL elsewhere, and no
/// use of the concrete ledger outside it and the composition root. Each rule runs on the real assemblies
/// and on a planted violation under <c>Fixtures/SeatWrites</c>.
/// </summary>
public class SeatLedgerTests
{
    private const string Root = "EventBooking.ArchitectureTests.Fixtures.SeatWrites";

    private static readonly Assembly TestAssembly = typeof(SeatLedgerTests).Assembly;

    [Fact]
    public void SourceAssemblies_ShouldWriteSeatStateOnlyInTheSeatLedger()
    {
        var rule = SeatLedgerRules.SeatWrites;

        var results = Layers.Names.Select(layer => rule.Check(Layers.ByName(layer), namespacePrefix: null)).ToList();

        ArchitectureAssert.RuleHolds(
            $"{rule.Name}: no string literal may match {SeatLedgerRules.SeatWrite}.",
            new RuleResult([.. results.SelectMany(result => result.CheckedTypes)], [.. results.SelectMany(result => result.Violations)]),
            "the four src assemblies");
    }

    [Fact]
    public void SeatWriteRule_WhenViolated_ShouldReportViolation()
    {
        var rule = SeatLedgerRules.SeatWritesOutside($"{Root}.Seats", $"{Root}.Persistence.Migrations");

        var result = rule.Check(TestAssembly, Root);

        Assert.Contains($"{Root}.Persistence.CleanAvailability", result.CheckedTypes);
        Assert.DoesNotContain($"{Root}.Seats.PostgresSeatLedger", result.CheckedTypes);
        Assert.DoesNotContain($"{Root}.Persistence.Migrations.SeatFunctions", result.CheckedTypes);
        ArchitectureAssert.ReportsExactly(
            [
                $"{Root}.Persistence.EventStore -> \"DELETE FROM check_ins\"",
                $"{Root}.Persistence.EventStore -> \"INSERT INTO bookings\"",
                $"{Root}.Persistence.EventStore -> \"set available_seats =\"",
                $"{Root}.Persistence.Seeding.Seeder -> \"INSERT INTO events (name, seat_capacity\"",
                $"{Root}.Persistence.Seeding.Seeder -> \"create_booking(\"",
            ],
            result.Violations);
    }

    [Fact]
    public void InfrastructureAndWebApi_ShouldUseOnlyTheSeatLedgerPort()
    {
        var ledgers = SeatLedgerRules.ConcreteLedgers(Layers.Infrastructure, SeatLedgerRules.LedgerNamespace, SeatLedgerRules.PortFullName);
        Assert.True(
            ledgers.Count > 0,
            $"No class in {SeatLedgerRules.LedgerNamespace} implements {SeatLedgerRules.PortFullName}, so the rule has no ledger to protect.");
        var rule = SeatLedgerRules.ConcreteLedgerRule(ledgers);

        var infrastructure = CompositionRoot.Outside(Layers.InfrastructureNamespace, SeatLedgerRules.LedgerNamespace);
        var webApi = CompositionRoot.Outside(Layers.WebApiNamespace);

        ArchitectureAssert.RuleHolds(rule, rule.Check(Layers.Infrastructure, infrastructure), infrastructure.ToString());
        ArchitectureAssert.RuleHolds(rule, rule.Check(Layers.WebApi, webApi), webApi.ToString());
    }

    [Fact]
    public void ConcreteLedgerRule_WhenViolated_ShouldReportViolation()
    {
        var ledgers = SeatLedgerRules.ConcreteLedgers(TestAssembly, $"{Root}.Seats", typeof(ISeatLedger).FullName!);
        var scope = CompositionRoot.Outside(Root, $"{Root}.Seats");

        var result = SeatLedgerRules.ConcreteLedgerRule(ledgers).Check(TestAssembly, scope);

        Assert.Equal([$"{Root}.Seats.PostgresSeatLedger"], ledgers);
        Assert.Contains($"{Root}.Http.CleanBookingFlow", result.CheckedTypes);
        Assert.DoesNotContain($"{Root}.DependencyInjection", result.CheckedTypes);
        Assert.DoesNotContain($"{Root}.Seats.PostgresSeatLedger", result.CheckedTypes);
        ArchitectureAssert.ReportsExactly([$"{Root}.Http.RefundService -> {Root}.Seats.PostgresSeatLedger"], result.Violations);
    }
}
