using System.Globalization;
using Comptoir.Core.Money;

namespace Comptoir.FacturX.Layout;

/// <summary>How amounts, quantities, rates and dates read on the printed invoice.</summary>
internal sealed class InvoiceFormatting(bool french, string currency)
{
    private static readonly NumberFormatInfo FrenchNumbers = new() { NumberDecimalSeparator = ",", NumberGroupSeparator = " ", NumberGroupSizes = [3] };
    private static readonly NumberFormatInfo EnglishNumbers = new() { NumberDecimalSeparator = ".", NumberGroupSeparator = ",", NumberGroupSizes = [3] };

    private NumberFormatInfo Numbers => french ? FrenchNumbers : EnglishNumbers;

    public string Money(decimal amount)
    {
        var symbol = currency == "EUR" ? "€" : currency;
        var number = amount.ToString("N2", Numbers);
        return french || currency != "EUR" ? number + " " + symbol : symbol + number;
    }

    public string Quantity(decimal quantity)
    {
        var scale = Math.Min(DecimalText.Scale(quantity), 4);
        return quantity.ToString("N" + scale.ToString(CultureInfo.InvariantCulture), Numbers);
    }

    public string UnitPrice(decimal price)
    {
        var scale = Math.Max(2, Math.Min(DecimalText.Scale(price), 6));
        return price.ToString("N" + scale.ToString(CultureInfo.InvariantCulture), Numbers);
    }

    /// <summary>A fraction as a percentage: 0.055 -> "5,5 %".</summary>
    public string Percent(decimal fraction)
    {
        var percent = fraction * 100m;
        var scale = Math.Min(DecimalText.Scale(percent), 2);
        return percent.ToString("N" + scale.ToString(CultureInfo.InvariantCulture), Numbers) + " %";
    }

    public string Date(DateOnly date) => french
        ? date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)
        : date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
