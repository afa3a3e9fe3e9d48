using Comptoir.FacturX.Pdf;

namespace Comptoir.FacturX.Layout;

/// <summary>The printed numeric cells of one item row.</summary>
internal sealed record ItemCells(string Quantity, string Unit, string UnitPrice, string Discount, string Vat, string Total);

/// <summary>
/// Column positions of the item table, sized from what the columns hold: each numeric column is as wide as its
/// widest cell or header, right-aligned on its right edge, and the description takes what is left. When amounts are
/// so long that the description would get too narrow, the numbers' font shrinks (down to <see cref="SmallestSize"/>),
/// so no cell ever runs into its neighbour.
/// </summary>
internal sealed class TableColumns
{
    public const double RegularSize = 8.5;
    public const double SmallestSize = 6;
    private const double Gap = 10;
    private const double MinDescriptionWidth = 150;
    private const double UnitSize = 7;

    private TableColumns(IReadOnlyList<ItemCells> cells, double numberSize, bool hasDiscount)
    {
        Cells = cells;
        NumberSize = numberSize;
        HasDiscount = hasDiscount;
    }

    public IReadOnlyList<ItemCells> Cells { get; }

    /// <summary>Font size of the numeric cells.</summary>
    public double NumberSize { get; }

    /// <summary>The discount column is printed only when an item has a discount.</summary>
    public bool HasDiscount { get; }

    public double Description { get; private set; }

    public double TotalRight { get; private set; }

    public double VatRight { get; private set; }

    public double DiscountRight { get; private set; }

    public double UnitPriceRight { get; private set; }

    public double QuantityRight { get; private set; }

    public double DescriptionWidth { get; private set; }

    public static TableColumns Fit(double left, double right, IReadOnlyList<ItemCells> cells, InvoiceLabels labels, PdfFont regular, PdfFont bold, double headerSize)
    {
        var hasDiscount = cells.Any(c => c.Discount.Length > 0);
        TableColumns columns = null!;
        for (var size = RegularSize; size >= SmallestSize; size -= 0.5)
        {
            double Width(string header, Func<ItemCells, string> cell) =>
                Math.Max(bold.Measure(header, headerSize), cells.Count == 0 ? 0 : cells.Max(c => regular.Measure(cell(c), size)));

            var quantity = Math.Max(Width(labels.Quantity, c => c.Quantity), cells.Count == 0 ? 0 : cells.Max(c => regular.Measure(c.Unit, UnitSize)));
            var unitPrice = Width(labels.UnitPrice, c => c.UnitPrice);
            var discount = hasDiscount ? Width(labels.Discount, c => c.Discount) : 0;
            var vat = Width(labels.Vat, c => c.Vat);
            var total = Width(labels.AmountExclTax, c => c.Total);

            columns = new TableColumns(cells, size, hasDiscount) { Description = left + 4, TotalRight = right - 4 };
            columns.VatRight = columns.TotalRight - total - Gap;
            columns.DiscountRight = columns.VatRight - vat - Gap;
            columns.UnitPriceRight = hasDiscount ? columns.DiscountRight - discount - Gap : columns.DiscountRight;
            columns.QuantityRight = columns.UnitPriceRight - unitPrice - Gap;
            columns.DescriptionWidth = columns.QuantityRight - quantity - Gap - columns.Description;
            if (columns.DescriptionWidth >= MinDescriptionWidth)
            {
                break;
            }
        }

        return columns;
    }
}
