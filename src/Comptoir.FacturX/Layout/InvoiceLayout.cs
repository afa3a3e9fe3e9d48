using Comptoir.Core.Invoicing;
using Comptoir.FacturX.Cii;
using Comptoir.FacturX.Fonts;
using Comptoir.FacturX.Model;
using Comptoir.FacturX.Pdf;

namespace Comptoir.FacturX.Layout;

/// <summary>
/// Draws an invoice on A4 pages: seller and client blocks, the document facts, the item table (header repeated on
/// every page), VAT breakdown and totals, payment details, legal mentions, and a footer with "page n / m".
/// </summary>
internal sealed class InvoiceLayout
{
    private const double Margin = 42;
    private const double FooterTop = PdfDocumentBuilder.A4Height - 52;
    private const double BodySize = 8.5;
    private const double LineHeight = 11;
    private const double HeaderSize = 8;
    private static readonly PdfColor Muted = PdfColor.Gray(0.38);
    private static readonly PdfColor Rule = PdfColor.Gray(0.75);
    private static readonly PdfColor Band = new(0.93, 0.94, 0.96);
    private static readonly PdfColor Accent = new(0.12, 0.23, 0.42);

    private readonly PdfDocumentBuilder _pdf;
    private readonly InvoiceDocument _invoice;
    private readonly InvoiceTotals _totals;
    private readonly InvoiceLayoutOptions _options;
    private readonly InvoiceLabels _labels;
    private readonly InvoiceFormatting _format;
    private readonly PdfFont _regular;
    private readonly PdfFont _bold;
    private readonly TableColumns _columns;
    private readonly IReadOnlyList<VatReasonRow> _reasonRows;
    private PageCanvas _page = null!;
    private double _y;

    public InvoiceLayout(PdfDocumentBuilder pdf, InvoiceDocument invoice, InvoiceTotals totals, InvoiceLayoutOptions options)
    {
        _pdf = pdf;
        _invoice = invoice;
        _totals = totals;
        _options = options;
        _labels = InvoiceLabels.For(options.Language);
        _format = new InvoiceFormatting(_labels == InvoiceLabels.French, invoice.Currency);
        _regular = pdf.AddFont(EmbeddedFonts.Regular);
        _bold = pdf.AddFont(EmbeddedFonts.Bold);
        _reasonRows = VatBreakdownByReason.Rows(invoice, totals);
        _columns = TableColumns.Fit(Margin, PdfDocumentBuilder.A4Width - Margin, ColumnCells(), _labels, _regular, _bold, HeaderSize);
    }

    private double Right => PdfDocumentBuilder.A4Width - Margin;

    private string Title => _invoice.Kind == DocumentKind.CreditNote ? _labels.CreditNote : _labels.Invoice;

    /// <summary>A draft has no number yet, even when the caller knows the one it will get.</summary>
    private string? PrintedNumber => _options.Draft ? null : _invoice.Number;

    private bool French => _labels == InvoiceLabels.French;

    public void Draw()
    {
        NewPage(first: true);
        DrawItemTable();
        DrawSummary();
        DrawPaymentDetails();
        DrawMentions();
        DrawFooters();
    }

    private void NewPage(bool first)
    {
        _page = _pdf.AddPage();
        if (_options.Draft)
        {
            var mark = _labels == InvoiceLabels.French ? "BROUILLON" : "DRAFT";
            _page.TextRotated(110, 640, 40, mark, _bold, mark.Length > 5 ? 90 : 110, PdfColor.Gray(0.9));
        }

        if (first)
        {
            DrawFirstPageHeader();
        }
        else
        {
            _page.Text(Margin, Margin + 10, _invoice.Seller.Name, _bold, 10);
            var continued = $"{Title} {PrintedNumber ?? string.Empty} ({_labels.Continued})".Replace("  ", " ", StringComparison.Ordinal);
            _page.TextRight(Right, Margin + 10, continued, _regular, 9, Muted);
            _y = Margin + 30;
        }
    }

    private void DrawFirstPageHeader()
    {
        var seller = _invoice.Seller;
        var y = Margin + 12;
        foreach (var line in TextWrapper.Wrap(seller.Name, _bold, 13, 270))
        {
            _page.Text(Margin, y, line, _bold, 13, Accent);
            y += 16;
        }

        foreach (var line in AddressLines(seller.Address).Concat(IdentityLines(seller)))
        {
            _page.Text(Margin, y, line, _regular, BodySize, Muted);
            y += LineHeight;
        }

        var title = _options.Draft ? $"{Title} - {_labels.Draft}" : Title;
        _page.TextRight(Right, Margin + 14, title, _bold, _options.Draft ? 15 : 20, Accent);
        var factsY = Margin + 34;
        var facts = Facts().ToList();
        // The label column sits left of the widest value, so a long period never runs into its label.
        var labelRight = Right - Math.Max(80, facts.Max(f => _bold.Measure(f.Value, BodySize))) - 10;
        foreach (var (label, value) in facts)
        {
            _page.TextRight(labelRight, factsY, label, _regular, BodySize, Muted);
            _page.TextRight(Right, factsY, value, _bold, BodySize);
            factsY += LineHeight + 1;
        }

        var boxTop = Math.Max(y, factsY) + 12;
        var boxLeft = PdfDocumentBuilder.A4Width / 2 + 20;
        var boxWidth = Right - boxLeft;
        var buyerLines = new List<(string Text, PdfFont Font)>();
        foreach (var line in TextWrapper.Wrap(_invoice.Buyer.Name, _bold, 10, boxWidth - 16))
        {
            buyerLines.Add((line, _bold));
        }

        foreach (var line in AddressLines(_invoice.Buyer.Address).Concat(IdentityLines(_invoice.Buyer)))
        {
            buyerLines.AddRange(TextWrapper.Wrap(line, _regular, BodySize, boxWidth - 16).Select(l => (l, _regular)));
        }

        // The reform's mention: where the goods go, when that is not the billing address.
        var deliveryLines = new List<string>();
        if (_invoice.DeliverTo is { } deliverTo && !SameAddress(deliverTo, _invoice.Buyer.Address))
        {
            foreach (var line in AddressLines(deliverTo))
            {
                deliveryLines.AddRange(TextWrapper.Wrap(line, _regular, BodySize, boxLeft - 40 - Margin - 16));
            }
        }

        var boxHeight = 22 + (Math.Max(buyerLines.Count, deliveryLines.Count) * LineHeight) + 4;
        DrawAddressBox(boxLeft, boxTop, boxWidth, boxHeight, _labels.BilledTo, buyerLines);
        if (deliveryLines.Count > 0)
        {
            DrawAddressBox(Margin, boxTop, boxLeft - 40 - Margin, boxHeight, _labels.DeliveredTo, deliveryLines.Select(l => (l, _regular)).ToList());
        }

        _y = boxTop + boxHeight + 16;
        foreach (var line in TextWrapper.Wrap(_invoice.Header, _regular, 9, Right - Margin))
        {
            _page.Text(Margin, _y, line, _regular, 9);
            _y += LineHeight + 1;
        }

        _y += 6;
    }

    private void DrawAddressBox(double left, double top, double width, double height, string title, List<(string Text, PdfFont Font)> lines)
    {
        _page.FillRectangle(left, top, width, height, Band);
        _page.Text(left + 8, top + 13, title, _regular, 7.5, Muted);
        var lineY = top + 26;
        foreach (var (text, font) in lines)
        {
            _page.Text(left + 8, lineY, text, font, font == _bold ? 10 : BodySize);
            lineY += LineHeight;
        }
    }

    private static bool SameAddress(PostalAddress a, PostalAddress b) =>
        Same(a.Line1, b.Line1) && Same(a.Line2, b.Line2) && Same(a.Line3, b.Line3) && Same(a.PostCode, b.PostCode) && Same(a.City, b.City)
        && string.Equals(a.CountryCode, b.CountryCode, StringComparison.OrdinalIgnoreCase);

    private static bool Same(string? a, string? b) => string.Equals(a?.Trim() ?? string.Empty, b?.Trim() ?? string.Empty, StringComparison.OrdinalIgnoreCase);

    private IEnumerable<(string Label, string Value)> Facts()
    {
        if (PrintedNumber is { } number)
        {
            yield return (_labels.Number, number);
        }

        yield return (_labels.IssueDate, _format.Date(_invoice.IssueDate));
        if (_invoice.DueDate is { } due)
        {
            yield return (_labels.DueDate, _format.Date(due));
        }

        if (_invoice.DeliveryDate is { } delivered)
        {
            yield return (_labels.DeliveryDate, _format.Date(delivered));
        }

        if (_invoice.PeriodStart is { } start && _invoice.PeriodEnd is { } end)
        {
            yield return (_labels.Period, $"{_format.Date(start)} – {_format.Date(end)}");
        }

        if (!string.IsNullOrWhiteSpace(_invoice.PurchaseOrderReference))
        {
            yield return (_labels.PurchaseOrder, Truncate(_invoice.PurchaseOrderReference, 40));
        }

        if (_invoice.PrecedingInvoice is { } preceding)
        {
            yield return (_labels.CorrectedInvoice, Truncate(preceding.Number, 40));
        }

        if (OperationCategory() is { } operation)
        {
            yield return (_labels.Operation, operation);
        }
    }

    /// <summary>The reform's category of operation, from the billing mode (B goods, S services, M both).</summary>
    private string? OperationCategory() => _invoice.BillingMode?.FirstOrDefault() switch
    {
        'B' => _labels.Goods,
        'S' => _labels.Services,
        'M' => _labels.GoodsAndServices,
        _ => null,
    };

    private IEnumerable<string> IdentityLines(Party party)
    {
        if (!string.IsNullOrWhiteSpace(party.LegalId))
        {
            yield return $"{(party.LegalIdScheme == "0009" ? "SIRET" : _labels.Siren)} {party.LegalId}";
        }

        if (!string.IsNullOrWhiteSpace(party.VatNumber))
        {
            yield return $"{_labels.VatNumber} {party.VatNumber}";
        }

        if (!string.IsNullOrWhiteSpace(party.ContactEmail))
        {
            yield return party.ContactEmail;
        }
    }

    private static IEnumerable<string> AddressLines(PostalAddress address)
    {
        foreach (var line in new[] { address.Line1, address.Line2, address.Line3 })
        {
            if (!string.IsNullOrWhiteSpace(line))
            {
                yield return line.Trim();
            }
        }

        var city = string.Join(' ', new[] { address.PostCode, address.City }.Where(s => !string.IsNullOrWhiteSpace(s)));
        var country = address.CountryCode.ToUpperInvariant();
        yield return city.Length > 0 ? $"{city} ({country})" : country;
    }

    /// <summary>The printed texts of every item's numeric cells, from which the columns take their widths.</summary>
    private List<ItemCells> ColumnCells()
    {
        var cells = new List<ItemCells>(_invoice.Lines.Count);
        for (var i = 0; i < _invoice.Lines.Count; i++)
        {
            var item = _invoice.Lines[i];
            var amounts = _totals.Lines[i];
            var discount = amounts.DiscountAmount == 0m ? string.Empty
                : item.Discount!.Kind == DiscountKind.Percentage ? _format.Percent(item.Discount.Value) : _format.Money(amounts.DiscountAmount);
            cells.Add(new ItemCells(
                _format.Quantity(item.Quantity),
                Truncate(UnitNames.For(item.Unit, item.Quantity, French), 14),
                _format.UnitPrice(item.UnitPrice),
                discount,
                VatLabel(item),
                _format.Money(amounts.Net)));
        }

        return cells;
    }

    private void DrawItemTable()
    {
        DrawTableHeader();
        var size = _columns.NumberSize;
        for (var i = 0; i < _invoice.Lines.Count; i++)
        {
            var item = _invoice.Lines[i];
            var cells = _columns.Cells[i];
            var titleLines = TextWrapper.Wrap(item.Title, _bold, BodySize, _columns.DescriptionWidth);
            var descriptionLines = TextWrapper.Wrap(item.Description, _regular, 7.5, _columns.DescriptionWidth);
            var textLines = titleLines.Count + descriptionLines.Count;
            var height = (Math.Max(textLines, cells.Unit.Length == 0 ? 1 : 2) * LineHeight) + 5;

            if (height > FooterTop - Margin - 60)
            {
                // A description longer than a page is cut rather than drawn over the footer.
                var room = (int)((FooterTop - Margin - 80) / LineHeight) - titleLines.Count;
                descriptionLines = descriptionLines.Take(Math.Max(room, 0)).ToList();
                textLines = titleLines.Count + descriptionLines.Count;
                height = (textLines * LineHeight) + 5;
            }

            if (_y + height > FooterTop - 8)
            {
                NewPage(first: false);
                DrawTableHeader();
            }

            var baseline = _y + 10;
            var lineY = baseline;
            foreach (var line in titleLines)
            {
                _page.Text(_columns.Description, lineY, line, _bold, BodySize);
                lineY += LineHeight;
            }

            foreach (var line in descriptionLines)
            {
                _page.Text(_columns.Description, lineY, line, _regular, 7.5, Muted);
                lineY += LineHeight;
            }

            _page.TextRight(_columns.QuantityRight, baseline, cells.Quantity, _regular, size);
            if (cells.Unit.Length > 0)
            {
                _page.TextRight(_columns.QuantityRight, baseline + LineHeight, cells.Unit, _regular, 7, Muted);
            }

            _page.TextRight(_columns.UnitPriceRight, baseline, cells.UnitPrice, _regular, size);
            if (_columns.HasDiscount && cells.Discount.Length > 0)
            {
                _page.TextRight(_columns.DiscountRight, baseline, cells.Discount, _regular, size);
            }

            _page.TextRight(_columns.VatRight, baseline, cells.Vat, _regular, size);
            _page.TextRight(_columns.TotalRight, baseline, cells.Total, _regular, size);
            _y += height;
            _page.Line(Margin, _y, Right, _y, 0.4, Rule);
        }

        _y += 10;
    }

    /// <summary>The rate, or for a zero-rated category its code and the number of its legal mention.</summary>
    private string VatLabel(InvoiceItem item)
    {
        if (item.VatCategory is VatCategory.Standard or VatCategory.ZeroRated)
        {
            return _format.Percent(item.VatRate);
        }

        var exemption = item.Exemption ?? VatBreakdownByReason.DefaultExemption(item.VatCategory);
        return $"{item.VatCategory.ToCode()} [{ExemptionReference(exemption)}]";
    }

    private void DrawTableHeader()
    {
        _page.FillRectangle(Margin, _y, Right - Margin, 18, Accent);
        var baseline = _y + 12;
        var white = new PdfColor(1, 1, 1);
        _page.Text(_columns.Description, baseline, _labels.Description, _bold, HeaderSize, white);
        _page.TextRight(_columns.QuantityRight, baseline, _labels.Quantity, _bold, HeaderSize, white);
        _page.TextRight(_columns.UnitPriceRight, baseline, _labels.UnitPrice, _bold, HeaderSize, white);
        if (_columns.HasDiscount)
        {
            _page.TextRight(_columns.DiscountRight, baseline, _labels.Discount, _bold, HeaderSize, white);
        }

        _page.TextRight(_columns.VatRight, baseline, _labels.Vat, _bold, HeaderSize, white);
        _page.TextRight(_columns.TotalRight, baseline, _labels.AmountExclTax, _bold, HeaderSize, white);
        _y += 20;
    }

    private void DrawSummary()
    {
        var breakdown = BreakdownRows();
        var totals = TotalsRows().ToList();
        var contentWidth = Right - Margin;

        // Every column is as wide as its widest text, so no amount runs into its neighbour.
        var labelWidth = Math.Max(_regular.Measure(_labels.Vat, 7.5), breakdown.Max(r => _regular.Measure(r.Label, BodySize)));
        var baseWidth = Math.Max(_regular.Measure(_labels.TaxBase, 7.5), breakdown.Max(r => _regular.Measure(r.Base, BodySize)));
        var vatWidth = Math.Max(_regular.Measure(_labels.VatAmount, 7.5), breakdown.Max(r => _regular.Measure(r.Vat, BodySize)));
        var breakdownWidth = labelWidth + 14 + baseWidth + 14 + vatWidth;
        var totalsSize = 9.0;
        double TotalsLabelWidth(double size) => totals.Max(t => (t.Strong ? _bold : _regular).Measure(t.Label, t.Strong ? size + 1 : size));
        double TotalsValueWidth(double size) => totals.Max(t => (t.Strong ? _bold : _regular).Measure(t.Value, t.Strong ? size + 1 : size));
        while (totalsSize > 6.5 && TotalsLabelWidth(totalsSize) + TotalsValueWidth(totalsSize) + 26 > contentWidth)
        {
            totalsSize -= 0.5;
        }

        var totalsWidth = TotalsLabelWidth(totalsSize) + TotalsValueWidth(totalsSize) + 26;
        var sideBySide = breakdownWidth + 24 + totalsWidth <= contentWidth;
        var breakdownHeight = 30 + (breakdown.Count * (LineHeight + 2));
        var totalsHeight = (totals.Count * (LineHeight + 5)) + 10;
        EnsureRoom((sideBySide ? Math.Max(breakdownHeight, totalsHeight) : breakdownHeight + totalsHeight) + 10);

        var top = _y;
        var left = Margin;
        var baseRight = left + labelWidth + 14 + baseWidth;
        var vatRight = baseRight + 14 + vatWidth;
        _page.Text(left, top + 10, _labels.VatBreakdown, _bold, 9, Accent);
        var y = top + 24;
        _page.Text(left, y, _labels.Vat, _regular, 7.5, Muted);
        _page.TextRight(baseRight, y, _labels.TaxBase, _regular, 7.5, Muted);
        _page.TextRight(vatRight, y, _labels.VatAmount, _regular, 7.5, Muted);
        foreach (var row in breakdown)
        {
            y += LineHeight + 2;
            _page.Text(left, y, row.Label, _regular, BodySize);
            _page.TextRight(baseRight, y, row.Base, _regular, BodySize);
            _page.TextRight(vatRight, y, row.Vat, _regular, BodySize);
        }

        var valueRight = Right - 4;
        var labelRight = valueRight - TotalsValueWidth(totalsSize) - 14;
        var ty = sideBySide ? top + 10 : y + 22;
        foreach (var (label, value, strong) in totals)
        {
            var size = strong ? totalsSize + 1 : totalsSize;
            if (strong)
            {
                _page.FillRectangle(Right - totalsWidth, ty - 11, totalsWidth, LineHeight + 6, Band);
            }

            _page.TextRight(labelRight, ty, label, strong ? _bold : _regular, size);
            _page.TextRight(valueRight, ty, value, strong ? _bold : _regular, size);
            ty += LineHeight + 5;
        }

        _y = Math.Max(y, ty) + 10;
    }

    /// <summary>The printed VAT breakdown: one row per category, rate and legal basis, each basis referred to by its mention's number.</summary>
    private List<(string Label, string Base, string Vat)> BreakdownRows()
    {
        var rows = new List<(string, string, string)>();
        foreach (var row in _reasonRows)
        {
            var label = row.Category == VatCategory.Standard ? _format.Percent(row.Rate) : $"{row.Category.ToCode()} {_format.Percent(row.Rate)}";
            if (row.Exemption is { } exemption)
            {
                label += $" [{ExemptionReference(exemption)}]";
            }

            rows.Add((label, _format.Money(row.TaxableAmount), _format.Money(row.TaxAmount)));
        }

        return rows;
    }

    /// <summary>The distinct legal bases of the invoice, numbered in the order the breakdown prints them.</summary>
    private List<VatExemption> ExemptionMentions() =>
        _reasonRows.Where(r => r.Exemption is not null).Select(r => r.Exemption!).DistinctBy(e => e.Code).ToList();

    private int ExemptionReference(VatExemption exemption) => ExemptionMentions().FindIndex(e => e.Code == exemption.Code) + 1;

    private IEnumerable<(string Label, string Value, bool Strong)> TotalsRows()
    {
        yield return (_labels.TotalExclTax, _format.Money(_totals.TaxBasis), false);
        yield return (_labels.TotalVat, _format.Money(_totals.TaxTotal), false);
        if (_invoice.VatTotalInEuro(_totals) is { } euro)
        {
            var euros = new InvoiceFormatting(French, "EUR");
            var rate = $"{_labels.ExchangeRate} {_format.UnitPrice(_invoice.EuroExchangeRate!.Value)}";
            yield return ($"{_labels.VatTotalInEuro} ({rate})", euros.Money(euro), false);
        }

        var creditNote = _invoice.Kind == DocumentKind.CreditNote;
        yield return (_labels.TotalInclTax, _format.Money(_totals.GrandTotal), _totals.Prepaid == 0m && !creditNote);
        if (creditNote)
        {
            // A credit note asks for no payment: it says what becomes of its amount.
            var label = _invoice.CreditSettlement == CreditSettlement.Refund ? _labels.AmountToRefund : _labels.AmountToDeduct;
            yield return (label, _format.Money(_totals.DuePayable), true);
        }
        else if (_totals.Prepaid != 0m)
        {
            yield return (_labels.Prepaid, _format.Money(_totals.Prepaid), false);
            yield return (_labels.AmountDue, _format.Money(_totals.DuePayable), true);
        }
    }

    private void DrawPaymentDetails()
    {
        // Never payment instructions on a credit note: the seller owes the amount, not the buyer.
        if (_invoice.Payment is not { } payment || _invoice.Kind == DocumentKind.CreditNote)
        {
            return;
        }

        var lines = new List<string>();
        if (!string.IsNullOrWhiteSpace(payment.AccountName))
        {
            lines.Add(payment.AccountName);
        }

        if (!string.IsNullOrWhiteSpace(payment.Iban))
        {
            lines.Add("IBAN " + FormatIban(payment.Iban));
        }

        if (!string.IsNullOrWhiteSpace(payment.Bic))
        {
            lines.Add("BIC " + payment.Bic);
        }

        if (_invoice.DueDate is { } due)
        {
            lines.Add($"{_labels.DueDate} : {_format.Date(due)} — {_labels.AmountDue} : {_format.Money(_totals.DuePayable)}");
        }

        // The reference is the invoice number, which a draft does not have yet.
        if (!string.IsNullOrWhiteSpace(payment.RemittanceReference) && !_options.Draft)
        {
            lines.Add($"{_labels.PaymentReference} : {payment.RemittanceReference}");
        }

        var height = 24 + (lines.Count * LineHeight);
        EnsureRoom(height);
        _page.StrokeRectangle(Margin, _y, Right - Margin, height, 0.6, Rule);
        _page.Text(Margin + 8, _y + 14, _labels.PaymentDetails, _bold, 9, Accent);
        var y = _y + 27;
        foreach (var line in lines)
        {
            _page.Text(Margin + 8, y, line, _regular, BodySize);
            y += LineHeight;
        }

        _y += height + 12;
    }

    private void DrawMentions()
    {
        var paragraphs = new List<string>();
        var exemptions = ExemptionMentions();
        for (var i = 0; i < exemptions.Count; i++)
        {
            paragraphs.Add($"[{i + 1}] {exemptions[i].Text}");
        }

        paragraphs.AddRange(_invoice.Notes.Where(n => !string.IsNullOrWhiteSpace(n.Text) && n.Text != _invoice.TermsAndConditions && !IsCreditReason(n)).Select(n => n.Text));
        if (!string.IsNullOrWhiteSpace(_invoice.TermsAndConditions))
        {
            paragraphs.Add(_invoice.TermsAndConditions);
        }

        paragraphs.AddRange(_invoice.LegalMentions.Where(m => !string.IsNullOrWhiteSpace(m)));
        if (!string.IsNullOrWhiteSpace(_invoice.Footer))
        {
            paragraphs.Add(_invoice.Footer);
        }

        foreach (var paragraph in paragraphs.Distinct(StringComparer.Ordinal))
        {
            foreach (var line in TextWrapper.Wrap(paragraph, _regular, 7.5, Right - Margin))
            {
                EnsureRoom(LineHeight);
                _page.Text(Margin, _y, line, _regular, 7.5, Muted);
                _y += LineHeight - 1;
            }

            _y += 3;
        }
    }

    /// <summary>A credit note's reason (BT-22 with subject ACD): its header already states it.</summary>
    private bool IsCreditReason(InvoiceNote note) =>
        _invoice.Kind == DocumentKind.CreditNote && note.SubjectCode == "ACD" && _invoice.Header?.Contains(note.Text, StringComparison.Ordinal) == true;

    private void DrawFooters()
    {
        var seller = _invoice.Seller;
        var identity = string.Join(" · ", new[]
        {
            seller.Name,
            string.IsNullOrWhiteSpace(seller.LegalId) ? null : $"{_labels.Siren} {seller.LegalId}",
            string.IsNullOrWhiteSpace(seller.VatNumber) ? null : $"{_labels.VatNumber} {seller.VatNumber}",
        }.Where(s => s is not null));
        var pages = _pdf.Pages;
        for (var i = 0; i < pages.Count; i++)
        {
            var page = pages[i];
            page.Line(Margin, FooterTop, Right, FooterTop, 0.5, Rule);
            var footerLine = TextWrapper.Wrap(identity, _regular, 7, Right - Margin - 90).FirstOrDefault() ?? string.Empty;
            page.Text(Margin, FooterTop + 13, footerLine, _regular, 7, Muted);
            page.TextRight(Right, FooterTop + 13, $"{_labels.Page} {i + 1} / {pages.Count}", _regular, 7.5, Muted);
        }
    }

    private void EnsureRoom(double height)
    {
        if (_y + height > FooterTop - 8)
        {
            NewPage(first: false);
        }
    }

    private static string FormatIban(string iban)
    {
        var compact = iban.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
        return string.Join(' ', compact.Chunk(4).Select(c => new string(c)));
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";

}
