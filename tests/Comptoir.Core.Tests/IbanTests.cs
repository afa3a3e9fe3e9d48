using Comptoir.Core.Banking;

namespace Comptoir.Core.Tests;

public class IbanTests
{
    [Theory]
    [InlineData("FR7630006000011234567890189")]
    [InlineData("FR76 3000 6000 0112 3456 7890 189")]
    [InlineData("DE89370400440532013000")]
    [InlineData("BE68539007547034")]
    [InlineData("NL91ABNA0417164300")]
    [InlineData("fr1420041010050500013m02606")]
    public void Valid_ibans_pass(string iban) => Assert.Null(Iban.Validate(iban));

    [Theory]
    [InlineData("FR7630006000011234567890188", "check digits")]
    [InlineData("FR763000600001123456789018", "27 characters")]
    [InlineData("US7630006000011234567890189", "not in the SEPA area")]
    [InlineData("FR76-3000-6000", "letters and digits")]
    [InlineData("7630006000011234567890189", "country code")]
    [InlineData("FR", "too short")]
    public void Invalid_ibans_say_why(string iban, string reason) =>
        Assert.Contains(reason, Iban.Validate(iban), StringComparison.Ordinal);

    [Fact]
    public void French_iban_from_rib_parts_is_valid_and_matches_a_known_one()
    {
        Assert.Equal("FR7630006000011234567890189", Iban.French("30006", "00001", "12345678901"));
        Assert.True(Iban.IsValid(Iban.French("16958", "00001", "45271813987")));
        Assert.Equal("FR1420041010050500013M02606", Iban.French("20041", "01005", "0500013M026"));
    }

    [Fact]
    public void Formatting_groups_by_four() => Assert.Equal("FR76 3000 6000 0112 3456 7890 189", Iban.Format("fr7630006000011234567890189"));
}
