using System.Numerics;
using Comptoir.Core.Invoicing;
using Comptoir.Core.Money;
using CsCheck;

namespace Comptoir.Core.Tests;

/// <summary>
/// Random invoices through <see cref="InvoiceCalculator"/> (what the API and <c>comptoir facturx generate</c> both
/// compute) against the EN 16931 formulas worked out here in exact integer arithmetic, in cents:
/// BT-131 line net = round(quantity x price) - allowance, BT-106 = sum of BT-131, BT-116 per (category, rate) = sum of
/// its nets, BT-117 = round(BT-116 x rate), BT-109 = BT-106, BT-110 = sum of BT-117, BT-112 = BT-109 + BT-110,
/// every rounding half away from zero. The ranges are those the API's rules allow (quantity up to 1,000,000 with 4
/// decimals, unit price up to 100,000,000 with 6, the French rates).
/// </summary>
public sealed class InvoiceArithmeticPropertyTests
{
    private const long Iterations = 3_000;

    private static readonly VatCategory[] ZeroRateCategories =
        [VatCategory.ZeroRated, VatCategory.Exempt, VatCategory.ReverseCharge, VatCategory.IntraCommunity, VatCategory.Export, VatCategory.NotSubject];

    /// <summary>Small and huge values alike: most real invoices are small, the overflows are at the top.</summary>
    private static Gen<decimal> Scaled(long maxUnits, int decimals, long min = 0)
    {
        var factor = (long)Math.Pow(10, decimals);
        return Gen.OneOf(Gen.Long[min, Math.Min(100 * factor, maxUnits * factor)], Gen.Long[min, maxUnits * factor])
            .Select(n => n / (decimal)factor);
    }

    private static readonly Gen<decimal> Quantity = Scaled(1_000_000, 4, min: 1);

    private static readonly Gen<decimal> UnitPrice = Scaled(100_000_000, 6);

    private static readonly Gen<decimal> Rate = Element(FrenchVatRates.Allowed);

    private static Gen<T> Element<T>(IReadOnlyList<T> values) => Gen.Int[0, values.Count - 1].Select(i => values[i]);

    private static Gen<InvoiceLine> Line(Gen<decimal> quantity, Gen<decimal> price) =>
        Gen.Select(quantity, price, Rate, Element(ZeroRateCategories), Gen.Int[0, 2], Gen.Long[0, 10_000], Gen.Double[0, 1],
            (q, p, rate, zeroCategory, discountKind, percent, share) =>
            {
                var category = rate == 0m ? zeroCategory : VatCategory.Standard;
                var gross = Math.Round(q * p, 2, MidpointRounding.AwayFromZero);
                LineDiscount? discount = discountKind switch
                {
                    1 => new LineDiscount(DiscountKind.Percentage, percent / 10_000m),
                    2 => new LineDiscount(DiscountKind.Absolute, Math.Round(gross * (decimal)share, 2, MidpointRounding.ToZero)),
                    _ => null,
                };
                return new InvoiceLine(q, p, rate, category, discount);
            });

    [Fact]
    public void Totals_follow_the_EN_16931_formulas_exactly()
    {
        Line(Quantity, UnitPrice).Array[1, 40].Sample(lines =>
        {
            var totals = InvoiceCalculator.Compute(lines);
            var expected = Reference.Of(lines);

            Assert.Equal(expected.LineNets, totals.Lines.Select(l => Cents(l.Net)));
            Assert.Equal(expected.LineTotal, Cents(totals.LineTotal));
            Assert.Equal(expected.Breakdown, totals.VatBreakdown.Select(r => (r.Category, r.Rate, Cents(r.TaxableAmount), Cents(r.TaxAmount))));
            Assert.Equal(expected.LineTotal, Cents(totals.TaxBasis));
            Assert.Equal(expected.TaxTotal, Cents(totals.TaxTotal));
            Assert.Equal(expected.LineTotal + expected.TaxTotal, Cents(totals.GrandTotal));
            Assert.Equal(Cents(totals.GrandTotal), Cents(totals.DuePayable));
        }, iter: Iterations);
    }

    [Fact]
    public void Totals_in_cents_are_exact_or_refused_never_wrapped()
    {
        // Up to 1,000 lines at the top of the ranges: past long.MaxValue cents, ToCentsInteger must refuse, not wrap.
        var huge = Gen.OneOf(Quantity, Gen.Long[9_000_000_000L, 10_000_000_000L].Select(n => n / 10_000m));
        var top = Gen.OneOf(UnitPrice, Gen.Long[90_000_000_000_000L, 100_000_000_000_000L].Select(n => n / 1_000_000m));
        Line(huge, top).Array[1, 1000].Sample(lines =>
        {
            var totals = InvoiceCalculator.Compute(lines);
            var expected = Reference.Of(lines);
            Assert.Equal(expected.LineTotal + expected.TaxTotal, Cents(totals.GrandTotal));

            if (expected.LineTotal + expected.TaxTotal <= long.MaxValue)
            {
                Assert.Equal(expected.LineTotal + expected.TaxTotal, (BigInteger)Rounding.ToCentsInteger(totals.GrandTotal));
            }
            else
            {
                Assert.Throws<OverflowException>(() => Rounding.ToCentsInteger(totals.GrandTotal));
            }
        }, iter: 300);
    }

    [Fact]
    public void The_largest_amount_in_cents_converts_and_one_cent_more_is_refused()
    {
        Assert.Equal(long.MaxValue, Rounding.ToCentsInteger(Rounding.MaxCentsAmount));
        Assert.Equal(-long.MaxValue, Rounding.ToCentsInteger(-Rounding.MaxCentsAmount));
        Assert.Throws<OverflowException>(() => Rounding.ToCentsInteger(Rounding.MaxCentsAmount + 0.01m));
        Assert.Throws<OverflowException>(() => Rounding.ToCentsInteger(decimal.MaxValue));
    }

    /// <summary>An amount with at most 2 decimals, in integer cents (fails the test if it has more).</summary>
    private static BigInteger Cents(decimal amount)
    {
        var scaled = amount * 100m;
        Assert.Equal(decimal.Truncate(scaled), scaled);
        return new BigInteger(scaled);
    }

    /// <summary>The EN 16931 computation in exact integers: amounts as numerators over a power of ten.</summary>
    private sealed record Reference(IReadOnlyList<BigInteger> LineNets, BigInteger LineTotal, IReadOnlyList<(VatCategory, decimal, BigInteger, BigInteger)> Breakdown, BigInteger TaxTotal)
    {
        public static Reference Of(IReadOnlyList<InvoiceLine> lines)
        {
            var nets = lines.Select(Net).ToList();
            // One breakdown row per (category, rate), in order of first appearance (BG-23).
            var breakdown = lines.Select((line, i) => (line.Category, line.VatRate, Net: nets[i]))
                .GroupBy(l => (l.Category, l.VatRate))
                .Select(g =>
                {
                    var basis = g.Aggregate(BigInteger.Zero, (sum, l) => sum + l.Net);
                    var (rate, scale) = Exact(g.Key.VatRate);
                    return (g.Key.Category, g.Key.VatRate, basis, RoundDiv(basis * rate, scale));
                })
                .ToList();
            return new Reference(nets, nets.Aggregate(BigInteger.Zero, (a, b) => a + b), breakdown, breakdown.Aggregate(BigInteger.Zero, (sum, r) => sum + r.Item4));
        }

        /// <summary>BT-131 in cents: round(quantity x price) minus the line allowance (BT-136).</summary>
        private static BigInteger Net(InvoiceLine line)
        {
            var (quantity, quantityScale) = Exact(line.Quantity);
            var (price, priceScale) = Exact(line.UnitPrice);
            var gross = RoundDiv(quantity * price * 100, quantityScale * priceScale);
            var allowance = line.Discount switch
            {
                { Kind: DiscountKind.Percentage } d => RoundDiv(gross * Exact(d.Value).Numerator, Exact(d.Value).Scale),
                { Kind: DiscountKind.Absolute } d => RoundDiv(Exact(d.Value).Numerator * 100, Exact(d.Value).Scale),
                _ => BigInteger.Zero,
            };
            return gross - allowance;
        }

        /// <summary>A decimal as numerator / 10^scale, exactly.</summary>
        private static (BigInteger Numerator, BigInteger Scale) Exact(decimal value)
        {
            var scale = value.Scale;
            var numerator = new BigInteger(value * (decimal)Math.Pow(10, scale));
            return (numerator, BigInteger.Pow(10, scale));
        }

        /// <summary>n / d rounded half away from zero (d a positive power of ten).</summary>
        private static BigInteger RoundDiv(BigInteger n, BigInteger d)
        {
            var quotient = BigInteger.DivRem(BigInteger.Abs(n), d, out var remainder);
            if (remainder * 2 >= d)
            {
                quotient += 1;
            }

            return n.Sign < 0 ? -quotient : quotient;
        }
    }
}
