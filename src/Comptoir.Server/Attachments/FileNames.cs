namespace Comptoir.Server.Attachments;

/// <summary>File names that are safe in a Content-Disposition header and on any file system.</summary>
[PublicSurface]
public static class FileNames
{
    public static string Sanitize(string? name, string fallback)
    {
        var baseName = Path.GetFileName(name ?? string.Empty);
        var clean = new string(baseName.Select(c => char.IsLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '-').ToArray()).Trim('-', '.');
        if (clean.Length > 120)
        {
            clean = clean[^120..];
        }

        return clean.Length == 0 ? fallback : clean;
    }
}
