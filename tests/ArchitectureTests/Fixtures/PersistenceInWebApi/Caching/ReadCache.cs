using Microsoft.EntityFrameworkCore;

namespace EventBooking.ArchitectureTests.Fixtures.PersistenceInWebApi.Caching;

/// <summary>Planted violation: EF Core only inside an async method, i.e. in the state machine the compiler nests here.</summary>
internal sealed class ReadCache
{
    public static async Task<int> WarmAsync(Func<Task<int>> load)
    {
        try
        {
            return await load();
        }
        catch (DbUpdateException)
        {
            return 0;
        }
    }
}
