namespace Comptoir.FacturX.Tests.Support;

/// <summary>The repository root: the first folder above the test binaries holding Comptoir.slnx.</summary>
public static class RepositoryRoot
{
    public static string Find()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Comptoir.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Comptoir.slnx not found above " + AppContext.BaseDirectory);
    }
}
