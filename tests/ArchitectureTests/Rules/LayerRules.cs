using EventBooking.ArchitectureTests.Support;

namespace EventBooking.ArchitectureTests.Rules;

/// <summary>
/// What each layer must not use, at type level. References point inward only: Application uses
/// Domain; Infrastructure uses Application; WebApi is the composition root and may use everything.
/// The tests run each rule on the real assembly and on a planted violation with the same list.
/// </summary>
/// <remarks>
/// WebApi's <c>Program</c> lives in the global namespace (top-level statements), which namespace
/// matching cannot single out; the assembly-reference tests catch any use of it instead.
/// </remarks>
public static class LayerRules
{
    public const string EntityFrameworkCore = "Microsoft.EntityFrameworkCore";
    public const string Npgsql = "Npgsql";
    public const string AspNetCore = "Microsoft.AspNetCore";

    /// <summary>The domain model is plain C#: no other layer, no persistence, no web, no application packages.</summary>
    public static DependencyRule Domain { get; } = new(
        "Domain",
        [
            Layers.ApplicationNamespace, Layers.InfrastructureNamespace, Layers.WebApiNamespace,
            EntityFrameworkCore, Npgsql, AspNetCore, "MediatR", "FluentValidation", "Mapster",
        ]);

    /// <summary>Use cases talk to the outside world through their own ports, never through EF Core, Npgsql or HTTP.</summary>
    public static DependencyRule Application { get; } = new(
        "Application",
        [Layers.InfrastructureNamespace, Layers.WebApiNamespace, EntityFrameworkCore, Npgsql, AspNetCore]);

    /// <summary>Infrastructure implements Application's ports; it never calls back up into the web layer.</summary>
    public static DependencyRule Infrastructure { get; } = new(
        "Infrastructure",
        [Layers.WebApiNamespace]);

    /// <summary>
    /// Endpoints send a command or query through <c>IMediator</c> and map the result. The DbContext, the
    /// repositories and Application's ledger and read ports belong to the handlers behind it.
    /// </summary>
    public static DependencyRule WebApiEndpoints { get; } = new(
        "WebApi endpoints",
        [EntityFrameworkCore, Npgsql, $"{Layers.InfrastructureNamespace}.Persistence"])
    {
        ForbiddenTypeNames = ["*Repository", "ISeatLedger", "I*ReadService"],
    };

    /// <summary>
    /// Only the composition root (see <see cref="CompositionRoot"/>) knows that the database is PostgreSQL
    /// behind EF Core: the rest of the web layer sees Application's ports and MediatR.
    /// </summary>
    public static DependencyRule WebApiPersistence { get; } = new(
        "WebApi outside the composition root",
        [EntityFrameworkCore, Npgsql]);

    /// <summary>
    /// The endpoint rule for every WebApi type outside the composition root: filters, handlers of
    /// authentication events, caches and hubs dispatch to MediatR too, and never reach for the DbContext,
    /// a repository, the seat ledger or a read service.
    /// </summary>
    public static DependencyRule WebApiDispatchOnly { get; } = new(
        "WebApi outside the composition root",
        [$"{Layers.InfrastructureNamespace}.Persistence", SeatLedgerRules.LedgerNamespace])
    {
        ForbiddenTypeNames = ["*DbContext", "*Repository", "IBookingLedger", "ISeatLedger", "I*ReadService"],
    };

    /// <summary>
    /// <c>dynamic</c> compiles to calls into the C# runtime binder; in a signature alone (a parameter,
    /// a property, <c>List&lt;dynamic&gt;</c>) it leaves only <c>DynamicAttribute</c>. No layer needs either.
    /// </summary>
    public static DependencyRule NoDynamic { get; } = new(
        "No dynamic",
        ["Microsoft.CSharp.RuntimeBinder", "System.Runtime.CompilerServices.DynamicAttribute"]);
}
