using Comptoir.FacturX.Layout;
using Comptoir.FacturX.Tests.Support;

namespace Comptoir.FacturX.Tests;

/// <summary>Units print in the invoice's language.</summary>
public sealed class UnitNameTests
{
    [Theory]
    [InlineData("hour", 12, true, "heures")]
    [InlineData("hour", 1.5, true, "heure")]
    [InlineData("HUR", 2, true, "heures")]
    [InlineData("piece", 1, true, "pièce")]
    [InlineData("day", 3, false, "days")]
    [InlineData("day", 1, false, "day")]
    [InlineData("lump_sum", 1, true, "forfait")]
    [InlineData("widget", 2, true, "widget")]
    [InlineData("unit", 2, true, "")]
    public void A_unit_prints_in_the_invoice_language(string unit, double quantity, bool french, string expected) =>
        Assert.Equal(expected, UnitNames.For(unit, (decimal)quantity, french));

    [Fact]
    public void A_french_invoice_prints_no_english_unit()
    {
        var directory = Directory.CreateTempSubdirectory("comptoir-units-").FullName;
        try
        {
            var path = Path.Combine(directory, "units.pdf");
            File.WriteAllBytes(path, new FacturXGenerator(FixedClock.Default).Generate(InvoiceCorpus.Get("reform-ten-lines").Invoice).Pdf);

            var text = ExternalTool.Run("pdftotext", ["-layout", path, "-"]).Output;

            Assert.Contains("heures", text, StringComparison.Ordinal);
            Assert.Contains("jours", text, StringComparison.Ordinal);
            Assert.DoesNotContain(" hour", text, StringComparison.Ordinal);
            Assert.DoesNotContain(" day", text, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
