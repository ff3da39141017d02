namespace EventBooking.WebApi.IntegrationTests.Support;

/// <summary>Files of the repository the tests run from (found by walking up to EventBooking.sln).</summary>
public static class RepositoryFiles
{
    public static string PathOf(params string[] parts) => Path.Combine([Root(), .. parts]);

    private static string Root()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "EventBooking.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("EventBooking.sln not found above " + AppContext.BaseDirectory);
    }
}
