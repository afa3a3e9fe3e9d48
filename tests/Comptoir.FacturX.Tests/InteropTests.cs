using Comptoir.FacturX.Reading;
using Comptoir.FacturX.Tests.Support;

namespace Comptoir.FacturX.Tests;

/// <summary>
/// Other tools read what Comptoir writes, and Comptoir reads what they encrypt: poppler's pdfdetach finds
/// factur-x.xml by its name, and PDFs encrypted by qpdf with an empty user password (RC4 40 and 128 bits, AES-128,
/// AES-256) give back the embedded XML.
/// </summary>
public sealed class InteropTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("comptoir-interop-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Pdfdetach_saves_factur_x_xml_by_its_name()
    {
        var result = Generate("single-line-20");
        var pdf = Path.Combine(_directory, "invoice.pdf");
        File.WriteAllBytes(pdf, result.Pdf);
        var output = Path.Combine(_directory, "out.xml");

        var run = ExternalTool.Run("pdfdetach", ["-savefile", FacturXGenerator.XmlFileName, "-o", output, pdf]);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(result.Xml, File.ReadAllBytes(output));
    }

    [Theory]
    [InlineData("40", "rc4-40")]
    [InlineData("128", "rc4-128", "--use-aes=n")]
    [InlineData("128", "aes-128", "--use-aes=y")]
    [InlineData("256", "aes-256")]
    public void A_pdf_encrypted_with_an_empty_user_password_gives_back_its_xml(string bits, string name, string? option = null)
    {
        var result = Generate("mixed-rates");
        var plain = Path.Combine(_directory, name + "-plain.pdf");
        var encrypted = Path.Combine(_directory, name + ".pdf");
        File.WriteAllBytes(plain, result.Pdf);
        // --allow-weak-crypto lets qpdf write RC4 (and --object-streams=generate puts objects in encrypted streams).
        var arguments = new List<string> { "--allow-weak-crypto", "--object-streams=generate", "--encrypt", string.Empty, "owner-secret", bits };
        if (option is not null)
        {
            arguments.Add(option);
        }

        arguments.AddRange(["--", plain, encrypted]);
        var qpdf = ExternalTool.Run("qpdf", arguments);
        Assert.True(qpdf.ExitCode is 0 or 3, qpdf.Error);
        var bytes = File.ReadAllBytes(encrypted);
        Assert.Contains("/Encrypt", System.Text.Encoding.Latin1.GetString(bytes), StringComparison.Ordinal);

        var embedded = PdfAttachments.FindInvoiceXml(bytes);

        Assert.NotNull(embedded);
        Assert.Equal(FacturXGenerator.XmlFileName, embedded.Name);
        Assert.Equal(result.Xml, embedded.Content);
    }

    [Fact]
    public void A_pdf_that_needs_a_password_to_open_is_refused_saying_so()
    {
        var plain = Path.Combine(_directory, "plain.pdf");
        var locked = Path.Combine(_directory, "locked.pdf");
        File.WriteAllBytes(plain, Generate("single-line-20").Pdf);
        var qpdf = ExternalTool.Run("qpdf", ["--encrypt", "user-secret", "owner-secret", "256", "--", plain, locked]);
        Assert.True(qpdf.ExitCode is 0 or 3, qpdf.Error);

        var refused = Assert.Throws<InvalidDataException>(() => PdfAttachments.FindInvoiceXml(File.ReadAllBytes(locked)));

        Assert.Contains("password", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rc4_matches_the_published_test_vector()
    {
        // "Key" / "Plaintext" from the RC4 article's test vectors.
        var cipher = Rc4.Apply("Key"u8, "Plaintext"u8);

        Assert.Equal(Convert.FromHexString("BBF316E8D940AF0AD3"), cipher);
        Assert.Equal("Plaintext"u8.ToArray(), Rc4.Apply("Key"u8, cipher));
    }

    private static FacturXResult Generate(string name) =>
        new FacturXGenerator(FixedClock.Default).Generate(InvoiceCorpus.Get(name).Invoice);
}
