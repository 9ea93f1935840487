namespace RelationsAlerts.Azure.Tests.Infrastructure;

/// <summary>Finds files of the repository the tests run from (the solution file marks the root).</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "RelationsAlerts.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Cannot find RelationsAlerts.sln above " + AppContext.BaseDirectory);
    }
}
