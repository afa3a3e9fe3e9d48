using Comptoir.FacturX.Reading.Text;

namespace Comptoir.FacturX.Tests.Text;

public sealed class ValueReaderTests
{
    [Theory]
    [InlineData("Total TTC : 1 234,56 €", "1234.56")]
    [InlineData("Total TTC : 1\u00A0234,56\u00A0€", "1234.56")]
    [InlineData("Total TTC : 1\u202F234,56 €", "1234.56")]
    [InlineData("Amount due $1,234.56", "1234.56")]
    [InlineData("Summe 1.234,56 EUR", "1234.56")]
    [InlineData("Total 1234.5", "1234.5")]
    [InlineData("Total 1 200 €", "1200")]
    [InlineData("TVA 20 % 40,00", "40.00")]
    [InlineData("TVA (5,5 %) 12,10", "12.10")]
    [InlineData("Avoir -120,00 €", "-120.00")]
    [InlineData("le 12/03/2026 : 99,90", "99.90")]
    public void Amounts_in_French_and_English_formats(string text, string expected) =>
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), Read(text));

    [Theory]
    [InlineData("Facture FA-2026-001")]
    [InlineData("20 %")]
    [InlineData("FR7630006000011234567890189")]
    public void No_amount_in_identifiers_or_rates(string text) => Assert.Null(Read(text));

    [Theory]
    [InlineData("12/03/2026", 2026, 3, 12)]
    [InlineData("12.03.26", 2026, 3, 12)]
    [InlineData("2026-03-12", 2026, 3, 12)]
    [InlineData("12 mars 2026", 2026, 3, 12)]
    [InlineData("1er février 2026", 2026, 2, 1)]
    [InlineData("le 3 août 2026", 2026, 8, 3)]
    [InlineData("March 12, 2026", 2026, 3, 12)]
    [InlineData("12 March 2026", 2026, 3, 12)]
    [InlineData("Dec. 1st, 2026", 2026, 12, 1)]
    [InlineData("03/25/2026", 2026, 3, 25)]
    public void Dates_in_French_and_English_formats(string text, int year, int month, int day) =>
        Assert.Equal(new DateOnly(year, month, day), Assert.Single(DateText.FindAll(text)).Value);

    [Theory]
    [InlineData("31/02/2026")]
    [InlineData("12 total 2026")]
    [InlineData("FA-2026-03-12x")]
    public void No_date_in_impossible_or_other_text(string text) => Assert.Empty(DateText.FindAll(text));

    [Theory]
    [InlineData("IBAN FR76 3000 6000 0112 3456 7890 189", "FR7630006000011234567890189")]
    [InlineData("IBAN : FR7630006000011234567890189 BIC AGRIFRPP", "FR7630006000011234567890189")]
    [InlineData("DE89 3704 0044 0532 0130 00", "DE89370400440532013000")]
    public void Ibans_are_read_with_or_without_spaces(string text, string expected)
    {
        Assert.True(ValueReadersAccess.Iban(text, out var iban));
        Assert.Equal(expected, iban);
    }

    // The sample invoice's IBAN: its mod 97 is 37, not 1.
    [Fact]
    public void An_iban_failing_mod_97_is_rejected() => Assert.False(ValueReadersAccess.Iban("IBAN FR76 1695 8000 0145 2718 1398 763", out _));

    [Theory]
    [InlineData("732829320", true)]
    [InlineData("732829321", false)]
    [InlineData("443061841", true)]
    public void Siren_luhn(string siren, bool valid) => Assert.Equal(valid, CompanyIdentifiers.IsSiren(siren));

    [Theory]
    [InlineData("FR44732829320", true)]
    [InlineData("FR45732829320", false)]
    [InlineData("FR32123456789", true)]
    public void French_vat_key(string vat, bool valid) => Assert.Equal(valid, CompanyIdentifiers.IsFrenchVatNumber(vat));

    [Fact]
    public void The_french_vat_number_of_a_siren() => Assert.Equal("FR44732829320", CompanyIdentifiers.FrenchVatNumber("732829320"));

    private static decimal? Read(string text) => ValueReadersAccess.Amount(text, out var value) ? value : null;
}
