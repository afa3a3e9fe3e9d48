using System.Globalization;
using Comptoir.Client.Models;
using Comptoir.Core.Money;

namespace Comptoir.Cli.Commands;

/// <summary>Parses --item "TITLE|QTY|UNIT|PRICE|VAT": VAT as a fraction (0.20) or a percentage (20%).</summary>
public static class ItemSpec
{
    public static NewInvoiceItem Parse(string spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var parts = spec.Split('|');
        if (parts.Length != 5)
        {
            throw new CliException($"--item '{spec}': expected \"TITLE|QTY|UNIT|PRICE|VAT\", e.g. \"Consulting|10|hour|150.00|20%\".", ExitCodes.Usage);
        }

        var title = parts[0].Trim();
        if (title.Length == 0)
        {
            throw new CliException($"--item '{spec}': the title is empty.", ExitCodes.Usage);
        }

        if (!DecimalText.TryParse(parts[1].Trim(), out var quantity) || quantity <= 0m)
        {
            throw new CliException($"--item '{spec}': quantity '{parts[1]}' is not a positive number.", ExitCodes.Usage);
        }

        if (!DecimalText.TryParse(parts[3].Trim(), out var price) || price < 0m)
        {
            throw new CliException($"--item '{spec}': price '{parts[3]}' is not an amount like 150.00.", ExitCodes.Usage);
        }

        var vatText = parts[4].Trim();
        var percent = vatText.EndsWith('%');
        if (!DecimalText.TryParse(percent ? vatText[..^1].Trim() : vatText, out var vat) || vat < 0m)
        {
            throw new CliException($"--item '{spec}': VAT '{parts[4]}' is not a rate like 20% or 0.20.", ExitCodes.Usage);
        }

        var rate = percent ? vat / 100m : vat;
        if (rate >= 1m)
        {
            throw new CliException($"--item '{spec}': VAT '{parts[4]}' is above 100 %; write 20% or 0.20.", ExitCodes.Usage);
        }

        return new NewInvoiceItem
        {
            Title = title,
            Quantity = DecimalText.Plain(quantity),
            Unit = parts[2].Trim().Length == 0 ? null : parts[2].Trim(),
            UnitPrice = new Money(DecimalText.AtLeast(price, 2)),
            VatRate = DecimalText.Plain(rate).ToString(CultureInfo.InvariantCulture),
        };
    }
}
