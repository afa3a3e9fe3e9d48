using Comptoir.Core.Invoicing;

namespace Comptoir.Core.Tests;

public class InvoiceCalculatorTests
{
    private static InvoiceLine Line(decimal quantity, decimal price, decimal rate, LineDiscount? discount = null, VatCategory category = VatCategory.Standard) =>
        new(quantity, price, rate, category, discount);

    [Fact]
    public void Seed_example_ten_hours_at_150_with_20_percent()
    {
        var totals = InvoiceCalculator.Compute([Line(10m, 150m, 0.20m)]);

        Assert.Equal(1500.00m, totals.TaxBasis);
        Assert.Equal(300.00m, totals.TaxTotal);
        Assert.Equal(1800.00m, totals.GrandTotal);
        Assert.Equal(1800.00m, totals.DuePayable);
    }

    [Fact]
    public void Vat_is_rounded_per_category_not_per_line()
    {
        // Three lines of 0.10 at 5.5 %: per line 0.0055 rounds to 0.01 each (0.03), per category 0.30 x 0.055 = 0.0165 -> 0.02.
        var totals = InvoiceCalculator.Compute([Line(1m, 0.10m, 0.055m), Line(1m, 0.10m, 0.055m), Line(1m, 0.10m, 0.055m)]);

        Assert.Equal(0.02m, totals.TaxTotal);
        Assert.Single(totals.VatBreakdown);
        Assert.Equal(0.30m, totals.VatBreakdown[0].TaxableAmount);
        Assert.Equal(0.01m, totals.Lines[0].Vat);
    }

    [Theory]
    [InlineData(0.125, 0.13)]
    [InlineData(0.135, 0.14)]
    [InlineData(-0.125, -0.13)]
    [InlineData(2.675, 2.68)]
    public void Rounding_is_half_away_from_zero(decimal value, decimal expected)
    {
        Assert.Equal(expected, Money.Rounding.ToCents(value));
    }

    [Fact]
    public void Percentage_discount_is_a_line_allowance_on_the_rounded_gross()
    {
        var totals = InvoiceCalculator.Compute([Line(3m, 12.99m, 0.055m, new LineDiscount(DiscountKind.Percentage, 0.1m))]);

        var line = totals.Lines[0];
        Assert.Equal(38.97m, line.Gross);
        Assert.Equal(3.90m, line.DiscountAmount); // 3.897 rounds up
        Assert.Equal(35.07m, line.Net);
        Assert.Equal(1.93m, totals.TaxTotal);
    }

    [Fact]
    public void Absolute_discount_is_taken_off_the_line()
    {
        var totals = InvoiceCalculator.Compute([Line(2m, 100m, 0.20m, new LineDiscount(DiscountKind.Absolute, 15.50m))]);

        Assert.Equal(184.50m, totals.Lines[0].Net);
        Assert.Equal(36.90m, totals.TaxTotal);
        Assert.Equal(221.40m, totals.GrandTotal);
    }

    [Fact]
    public void Mixed_rates_give_one_breakdown_row_per_category_and_rate_in_order_of_appearance()
    {
        var totals = InvoiceCalculator.Compute([
            Line(1m, 100m, 0.20m),
            Line(1m, 100m, 0.10m),
            Line(1m, 50m, 0.20m),
            Line(1m, 10m, 0m, category: VatCategory.Exempt),
        ]);

        Assert.Equal([0.20m, 0.10m, 0m], totals.VatBreakdown.Select(r => r.Rate));
        Assert.Equal(150m, totals.VatBreakdown[0].TaxableAmount);
        Assert.Equal(30m, totals.VatBreakdown[0].TaxAmount);
        Assert.Equal(10m, totals.VatBreakdown[1].TaxAmount);
        Assert.Equal(0m, totals.VatBreakdown[2].TaxAmount);
        Assert.Equal(300m, totals.GrandTotal);
    }

    [Fact]
    public void Prepaid_amount_reduces_the_amount_due_only()
    {
        var totals = InvoiceCalculator.Compute([Line(1m, 100m, 0.20m)], prepaid: 20m);

        Assert.Equal(120m, totals.GrandTotal);
        Assert.Equal(100m, totals.DuePayable);
    }

    [Fact]
    public void Quantities_with_many_decimals_are_rounded_once_on_the_line()
    {
        var totals = InvoiceCalculator.Compute([Line(0.333m, 10.01m, 0.20m)]);

        Assert.Equal(3.33m, totals.Lines[0].Net); // 3.33333 -> 3.33
    }

    [Theory]
    [InlineData(1.5, "Standard", "vat_rate must be a fraction")]
    [InlineData(0, "Standard", "rate above zero")]
    [InlineData(0.2, "Exempt", "zero rate")]
    public void Inconsistent_lines_are_refused(double rate, string category, string message)
    {
        var line = Line(1m, 10m, (decimal)rate, category: Enum.Parse<VatCategory>(category));

        var error = Assert.Throws<ArgumentException>(() => InvoiceCalculator.Compute([line]));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_discount_larger_than_the_line_is_refused()
    {
        var problem = InvoiceCalculator.Validate(Line(1m, 10m, 0.2m, new LineDiscount(DiscountKind.Absolute, 10.01m)));

        Assert.NotNull(problem);
    }

    [Fact]
    public void A_percentage_discount_above_100_percent_is_refused()
    {
        Assert.NotNull(InvoiceCalculator.Validate(Line(1m, 10m, 0.2m, new LineDiscount(DiscountKind.Percentage, 1.5m))));
    }

    [Fact]
    public void Random_invoices_always_satisfy_the_EN16931_identities()
    {
        var random = new Random(20261121);
        decimal[] rates = [0.20m, 0.10m, 0.055m, 0.021m];
        for (var run = 0; run < 500; run++)
        {
            var lines = Enumerable.Range(0, random.Next(1, 30)).Select(_ => Line(
                random.Next(1, 10000) / 100m,
                random.Next(1, 1000000) / 100m,
                rates[random.Next(rates.Length)],
                random.Next(3) == 0 ? new LineDiscount(DiscountKind.Percentage, random.Next(0, 100) / 100m) : null)).ToList();

            var totals = InvoiceCalculator.Compute(lines);

            Assert.Equal(totals.Lines.Sum(l => l.Net), totals.LineTotal);
            Assert.Equal(totals.VatBreakdown.Sum(r => r.TaxAmount), totals.TaxTotal);
            Assert.Equal(totals.TaxBasis + totals.TaxTotal, totals.GrandTotal);
            Assert.All(totals.VatBreakdown, r => Assert.Equal(Money.Rounding.ToCents(r.TaxableAmount * r.Rate), r.TaxAmount));
            Assert.All(totals.Lines, l => Assert.Equal(l.Net, decimal.Round(l.Net, 2)));
        }
    }
}
