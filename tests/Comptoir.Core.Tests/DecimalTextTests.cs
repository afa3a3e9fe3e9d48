using Comptoir.Core.Money;

namespace Comptoir.Core.Tests;

public class DecimalTextTests
{
    [Theory]
    [InlineData("1100.50", 1100.50)]
    [InlineData("0.20", 0.20)]
    [InlineData("-5", -5)]
    [InlineData("10", 10)]
    [InlineData("0.001", 0.001)]
    public void Plain_decimal_strings_parse_exactly(string text, decimal expected)
    {
        Assert.True(DecimalText.TryParse(text, out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("1e3")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("+5")]
    [InlineData(" 5")]
    [InlineData("5 ")]
    [InlineData("1,000.00")]
    [InlineData("1.")]
    [InlineData(".5")]
    [InlineData("--5")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("0x10")]
    [InlineData("1234567890123456")]
    public void Anything_else_is_refused(string? text)
    {
        Assert.False(DecimalText.TryParse(text, out _));
    }

    [Theory]
    [InlineData(1100.5, "1100.50")]
    [InlineData(0, "0.00")]
    [InlineData(-3.1, "-3.10")]
    public void Amounts_always_have_two_decimals(decimal value, string expected)
    {
        Assert.Equal(expected, DecimalText.Amount(value));
    }

    [Theory]
    [InlineData("0.200", 1)]
    [InlineData("10.0", 0)]
    [InlineData("0.055", 3)]
    public void Scale_ignores_trailing_zeros(string text, int expected)
    {
        Assert.True(DecimalText.TryParse(text, out var value));
        Assert.Equal(expected, DecimalText.Scale(value));
    }

    [Fact]
    public void Cents_round_trip()
    {
        Assert.Equal(110050L, Rounding.ToCentsInteger(1100.50m));
        Assert.Equal(1100.50m, Rounding.FromCents(110050));
        Assert.Throws<ArgumentException>(() => Rounding.ToCentsInteger(1.005m));
    }
}
