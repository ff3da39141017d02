namespace EventBooking.ArchitectureTests.Fixtures.EndpointsUsingPorts.Stock;

internal interface IWarehouseRepository
{
    Task<int> CountInStockAsync(int productId, CancellationToken cancellationToken);
}
