using Comptoir.Core.Money;

namespace Comptoir.Core.Invoicing;

/// <summary>
/// Computes invoice totals the way EN 16931 checks them (BR-CO-10..16, BR-S-08..09 and the per-category rules):
/// line net = round(quantity x unit price) - round(discount); VAT per category and rate = round(sum of nets x rate),
/// half away from zero, once per category rather than per line. The API and the Factur-X writer both call this,
/// so the JSON and the XML can never disagree.
/// </summary>
public static class InvoiceCalculator
{
    /// <summary>Computes every amount of an invoice.</summary>
    /// <exception cref="ArgumentException">A line is inconsistent (see <see cref="Validate"/>).</exception>
    public static InvoiceTotals Compute(IReadOnlyList<InvoiceLine> lines, decimal prepaid = 0m)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var amounts = new LineAmounts[lines.Count];
        var groups = new List<(VatCategory Category, decimal Rate, decimal Basis)>();
        decimal lineTotal = 0m;

        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var problem = Validate(line);
            if (problem is not null)
            {
                throw new ArgumentException($"Line {i + 1}: {problem}", nameof(lines));
            }

            var gross = Rounding.ToCents(line.Quantity * line.UnitPrice);
            var discount = DiscountAmount(line.Discount, gross);
            var net = gross - discount;
            var vat = Rounding.ToCents(net * line.VatRate);
            amounts[i] = new LineAmounts(gross, discount, net, vat, net + vat);
            lineTotal += net;

            var index = groups.FindIndex(g => g.Category == line.Category && g.Rate == line.VatRate);
            if (index < 0)
            {
                groups.Add((line.Category, line.VatRate, net));
            }
            else
            {
                groups[index] = (line.Category, line.VatRate, groups[index].Basis + net);
            }
        }

        var breakdown = groups
            .Select(g => new VatBreakdownRow(g.Category, g.Rate, g.Basis, Rounding.ToCents(g.Basis * g.Rate)))
            .ToArray();
        var taxTotal = breakdown.Sum(r => r.TaxAmount);
        var grandTotal = lineTotal + taxTotal;
        var prepaidRounded = Rounding.ToCents(prepaid);
        return new InvoiceTotals(amounts, breakdown, lineTotal, lineTotal, taxTotal, grandTotal, prepaidRounded, grandTotal - prepaidRounded);
    }

    /// <summary>Returns why a line cannot be computed, or null when it is consistent.</summary>
    public static string? Validate(InvoiceLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (line.VatRate < 0m || line.VatRate >= 1m)
        {
            return "vat_rate must be a fraction between 0 and 1 (0.20 for 20 %).";
        }

        if (line.Category == VatCategory.Standard && line.VatRate == 0m)
        {
            return "a standard-rated line needs a rate above zero.";
        }

        if (line.Category.IsZeroRate() && line.VatRate != 0m)
        {
            return $"VAT category {line.Category.ToCode()} requires a zero rate.";
        }

        if (line.Discount is { } discount)
        {
            if (discount.Value < 0m)
            {
                return "a discount cannot be negative.";
            }

            if (discount.Kind == DiscountKind.Percentage && discount.Value > 1m)
            {
                return "a percentage discount is a fraction between 0 and 1 (0.1 for 10 %).";
            }

            if (discount.Kind == DiscountKind.Absolute)
            {
                var gross = Rounding.ToCents(line.Quantity * line.UnitPrice);
                if (DecimalText.Scale(discount.Value) > 2)
                {
                    return "an absolute discount has at most 2 decimals.";
                }

                if (discount.Value > Math.Abs(gross))
                {
                    return "an absolute discount cannot exceed the line amount.";
                }
            }
        }

        return null;
    }

    /// <summary>The discount in currency for a line whose gross amount is <paramref name="gross"/>.</summary>
    public static decimal DiscountAmount(LineDiscount? discount, decimal gross) => discount switch
    {
        null => 0m,
        { Kind: DiscountKind.Percentage } d => Rounding.ToCents(gross * d.Value),
        { Kind: DiscountKind.Absolute } d => gross < 0m ? -d.Value : d.Value,
        _ => 0m,
    };
}
