namespace Comptoir.FacturX.Reading.Text;

/// <summary>
/// OCR with Tesseract run as a process (Debian's tesseract-ocr with the fra and eng data): an image directly, a
/// scanned PDF after pdftoppm has rendered its pages to PNG. Each run works in its own temporary folder, deleted
/// after; one page at a time per instance, each bounded in time and memory. The words come back with their boxes and
/// go through the same line grouping as a PDF's text layer.
/// </summary>
public sealed class TesseractOcr
{
    private static readonly Lazy<TesseractOcr?> Found = new(() =>
        Executables.Find("tesseract") is { } tesseract ? new TesseractOcr(tesseract, Executables.Find("pdftoppm")) : null);

    private readonly string _tesseract;
    private readonly string? _pdftoppm;
    private readonly SemaphoreSlim _onePageAtATime = new(1, 1);

    public TesseractOcr(string tesseract, string? pdftoppm)
    {
        _tesseract = tesseract;
        _pdftoppm = pdftoppm;
    }

    /// <summary>Tesseract as installed on this machine's PATH, or null when it is not.</summary>
    public static TesseractOcr? Installed => Found.Value;

    public string Languages { get; init; } = "fra+eng";

    /// <summary>Rendering resolution for scanned PDFs: 200 dpi reads 9-point text well and keeps a page under 4 MP.</summary>
    public int Dpi { get; init; } = 200;

    public TimeSpan PageTimeout { get; init; } = TimeSpan.FromSeconds(60);

    public long MaxMemoryBytes { get; init; } = 2L * 1024 * 1024 * 1024;

    /// <summary>Whether scanned PDFs can be read (pdftoppm from poppler-utils is installed).</summary>
    public bool ReadsPdf => _pdftoppm is not null;

    /// <summary>The lines of a PNG or JPEG image.</summary>
    /// <exception cref="InvalidDataException">Tesseract failed on the image.</exception>
    public async Task<IReadOnlyList<TextLine>> ReadImageAsync(byte[] image, string extension, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(image);
        using var folder = new TemporaryFolder();
        var path = Path.Combine(folder.Path, "page" + extension);
        await File.WriteAllBytesAsync(path, image, cancellationToken).ConfigureAwait(false);
        return TextLayout.Lines(await WordsAsync(folder.Path, path, 1, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>The lines of the first pages of a PDF without a text layer, rendered then OCR'd page by page.</summary>
    /// <exception cref="InvalidDataException">pdftoppm or Tesseract failed.</exception>
    public async Task<IReadOnlyList<TextLine>> ReadScannedPdfAsync(byte[] pdf, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pdf);
        if (_pdftoppm is null)
        {
            return [];
        }

        using var folder = new TemporaryFolder();
        var input = Path.Combine(folder.Path, "in.pdf");
        await File.WriteAllBytesAsync(input, pdf, cancellationToken).ConfigureAwait(false);
        var render = await BoundedProcess.RunAsync(_pdftoppm, ["-r", Dpi.ToString(System.Globalization.CultureInfo.InvariantCulture), "-gray", "-png", "-l", PdfTextLayer.MaxPages.ToString(System.Globalization.CultureInfo.InvariantCulture), input, Path.Combine(folder.Path, "page")],
            PageTimeout * PdfTextLayer.MaxPages, MaxMemoryBytes, folder.Path, cancellationToken).ConfigureAwait(false);
        if (render.ExitCode != 0)
        {
            throw new InvalidDataException("pdftoppm could not render the PDF: " + render.Error.Trim());
        }

        var words = new List<TextWord>();
        var pages = Directory.GetFiles(folder.Path, "page*.png").Order(StringComparer.Ordinal).ToList();
        for (var i = 0; i < pages.Count; i++)
        {
            words.AddRange(await WordsAsync(folder.Path, pages[i], i + 1, cancellationToken).ConfigureAwait(false));
        }

        return TextLayout.Lines(words);
    }

    private async Task<IReadOnlyList<TextWord>> WordsAsync(string folder, string image, int page, CancellationToken cancellationToken)
    {
        await _onePageAtATime.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var result = await BoundedProcess.RunAsync(_tesseract, [image, "stdout", "-l", Languages, "--psm", "3", "tsv"], PageTimeout, MaxMemoryBytes, folder, cancellationToken).ConfigureAwait(false);
            if (result.ExitCode != 0)
            {
                throw new InvalidDataException("tesseract could not read the image: " + result.Error.Trim());
            }

            return TesseractTsv.Words(result.Output, page);
        }
        finally
        {
            _onePageAtATime.Release();
        }
    }
}
