namespace Comptoir.FacturX.Reading.Text;

/// <summary>Finds a program on the PATH, as a shell would, without running one.</summary>
public static class Executables
{
    public static string? Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
