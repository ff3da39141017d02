using EventBooking.ArchitectureTests.Fixtures.EndpointsUsingPorts.Stock;
using Microsoft.AspNetCore.Http;

namespace EventBooking.ArchitectureTests.Fixtures.EndpointsUsingPorts.Endpoints;

/// <summary>Planted violation: an endpoint that uses a repository of its own assembly.</summary>
internal static class WarehouseEndpoints
{
    public static async Task<IResult> Stock(int productId, IWarehouseRepository warehouse, CancellationToken cancellationToken) =>
        Results.Ok(await warehouse.CountInStockAsync(productId, cancellationToken));
}
