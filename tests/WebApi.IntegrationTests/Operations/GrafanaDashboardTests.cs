using System.Diagnostics.Metrics;
using System.Text.Json;
using System.Text.RegularExpressions;
using EventBooking.Application.Common.Interfaces;
using EventBooking.Application.Common.Telemetry;
using EventBooking.WebApi.IntegrationTests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace EventBooking.WebApi.IntegrationTests.Operations;

/// <summary>
/// Issue 17: <c>deploy/grafana/eventbooking-dashboard.json</c> queries the product's metrics by their Prometheus names.
/// A renamed instrument would leave a panel silently empty, so every <c>eventbooking_*</c> name the dashboard queries
/// must be the exported name of an instrument the API publishes, and every such instrument must have a panel.
/// </summary>
public sealed partial class GrafanaDashboardTests(DatabaseFixture database) : BookingApiTest(database)
{
    [Fact]
    public void Dashboard_ShouldQueryEveryProductInstrument_ByItsExportedName()
    {
        var exported = ProductInstruments().ToDictionary(i => i.Exported, i => i.Instrument, StringComparer.Ordinal);
        var queried = DashboardExpressions()
            .SelectMany(expr => ProductMetricName().Matches(expr).Select(m => m.Value))
            .Select(name => HistogramSeries().Replace(name, string.Empty))
            .ToHashSet(StringComparer.Ordinal);

        Assert.NotEmpty(queried);
        Assert.Equal([], queried.Where(name => !exported.ContainsKey(name)).Order(StringComparer.Ordinal).ToList());
        Assert.Equal([], exported.Keys.Where(name => !queried.Contains(name)).Select(name => $"{exported[name]} has no panel ({name})").ToList());
    }

    /// <summary>
    /// The OpenTelemetry Prometheus exporter's rule (the live names are asserted by <see cref="MetricsTests"/>): dots
    /// become underscores, a unit in braces is dropped, <c>s</c> adds <c>_seconds</c>, a counter adds <c>_total</c>.
    /// </summary>
    private List<(string Instrument, string Exported)> ProductInstruments()
    {
        var found = new List<(string, string)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, _) =>
            {
                if (instrument.Meter.Name == EventBookingMetrics.MeterName)
                {
                    found.Add((instrument.Name, ExportedName(instrument)));
                }
            },
        };
        _ = Factory.Services.GetRequiredService<EventBookingMetrics>();
        _ = Factory.Services.GetRequiredService<IPasswordHasher>(); // registers the bcrypt queue gauge
        listener.Start();
        return found.DistinctBy(i => i.Item2).ToList();
    }

    private static string ExportedName(Instrument instrument)
    {
        var name = instrument.Name.Replace('.', '_');
        if (instrument.Unit == "s")
        {
            name += "_seconds";
        }

        var isCounter = instrument.GetType().IsGenericType && instrument.GetType().GetGenericTypeDefinition() == typeof(Counter<>);
        return isCounter ? name + "_total" : name;
    }

    private static List<string> DashboardExpressions()
    {
        var path = RepositoryFiles.PathOf("deploy", "grafana", "eventbooking-dashboard.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.GetProperty("panels").EnumerateArray()
            .Where(panel => panel.TryGetProperty("targets", out _))
            .SelectMany(panel => panel.GetProperty("targets").EnumerateArray())
            .Select(target => target.GetProperty("expr").GetString()!)
            .ToList();
    }

    [GeneratedRegex(@"eventbooking_[a-z_]+(?=\{)")] // a series selector; not the label eventbooking_outcome
    private static partial Regex ProductMetricName();

    [GeneratedRegex("_(bucket|count|sum)$")]
    private static partial Regex HistogramSeries();
}
