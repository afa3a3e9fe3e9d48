namespace Comptoir.FacturX.Reading.Text;

/// <summary>A folder of its own under the system's temporary directory, deleted with everything in it on dispose.</summary>
internal sealed class TemporaryFolder : IDisposable
{
    public TemporaryFolder() => Path = Directory.CreateTempSubdirectory("comptoir-ocr-").FullName;

    public string Path { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A file still held (a killed process's) is left to the system's temporary-file cleaning.
        }
    }
}
