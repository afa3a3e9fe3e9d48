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
        _columns = new TableColumns(Margin, PdfDocumentBuilder.A4Width - Margin);
    }

    private double Right => PdfDocumentBuilder.A4Width - Margin;

    private string Title => _invoice.Kind == DocumentKind.CreditNote ? _labels.CreditNote : _labels.Invoice;

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
            _page.TextRotated(150, 620, 40, "DRAFT", _bold, 110, PdfColor.Gray(0.9));
        }

        if (first)
        {
            DrawFirstPageHeader();
        }
        else
        {
            _page.Text(Margin, Margin + 10, _invoice.Seller.Name, _bold, 10);
            var continued = $"{Title} {_invoice.Number ?? string.Empty} ({_labels.Continued})".Replace("  ", " ", StringComparison.Ordinal);
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

        var boxHeight = 22 + (buyerLines.Count * LineHeight) + 4;
        _page.FillRectangle(boxLeft, boxTop, boxWidth, boxHeight, Band);
        _page.Text(boxLeft + 8, boxTop + 13, _labels.BilledTo, _regular, 7.5, Muted);
        var lineY = boxTop + 26;
        foreach (var (text, font) in buyerLines)
        {
            _page.Text(boxLeft + 8, lineY, text, font, font == _bold ? 10 : BodySize);
            lineY += LineHeight;
        }

        _y = boxTop + boxHeight + 16;
        foreach (var line in TextWrapper.Wrap(_invoice.Header, _regular, 9, Right - Margin))
        {
            _page.Text(Margin, _y, line, _regular, 9);
            _y += LineHeight + 1;
        }

        _y += 6;
    }

    private IEnumerable<(string Label, string Value)> Facts()
    {
        yield return (_labels.Number, _invoice.Number ?? "—");
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
    }

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

    private void DrawItemTable()
    {
        DrawTableHeader();
        for (var i = 0; i < _invoice.Lines.Count; i++)
        {
            var item = _invoice.Lines[i];
            var amounts = _totals.Lines[i];
            var titleLines = TextWrapper.Wrap(item.Title, _bold, BodySize, _columns.DescriptionWidth);
            var descriptionLines = TextWrapper.Wrap(item.Description, _regular, 7.5, _columns.DescriptionWidth);
            var unit = UnitCodes.Label(item.Unit);
            var textLines = titleLines.Count + descriptionLines.Count;
            var height = (Math.Max(textLines, string.IsNullOrEmpty(unit) ? 1 : 2) * LineHeight) + 7;

            if (height > FooterTop - Margin - 60)
            {
                // A description longer than a page is cut rather than drawn over the footer.
                var room = (int)((FooterTop - Margin - 80) / LineHeight) - titleLines.Count;
                descriptionLines = descriptionLines.Take(Math.Max(room, 0)).ToList();
                textLines = titleLines.Count + descriptionLines.Count;
                height = (textLines * LineHeight) + 7;
            }

            if (_y + height > FooterTop - 8)
            {
                NewPage(first: false);
                DrawTableHeader();
            }

            var baseline = _y + 11;
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

            _page.TextRight(_columns.QuantityRight, baseline, _format.Quantity(item.Quantity), _regular, BodySize);
            if (!string.IsNullOrEmpty(unit))
            {
                _page.TextRight(_columns.QuantityRight, baseline + LineHeight, Truncate(unit, 14), _regular, 7, Muted);
            }

            _page.TextRight(_columns.UnitPriceRight, baseline, _format.UnitPrice(item.UnitPrice), _regular, BodySize);
            if (amounts.DiscountAmount != 0m)
            {
                var discount = item.Discount!.Kind == DiscountKind.Percentage ? _format.Percent(item.Discount.Value) : _format.Money(amounts.DiscountAmount);
                _page.TextRight(_columns.DiscountRight, baseline, discount, _regular, BodySize);
            }

            _page.TextRight(_columns.VatRight, baseline, VatLabel(item), _regular, BodySize);
            _page.TextRight(_columns.TotalRight, baseline, _format.Money(amounts.Net), _regular, BodySize);
            _y += height;
            _page.Line(Margin, _y, Right, _y, 0.4, Rule);
        }

        _y += 10;
    }

    private string VatLabel(InvoiceItem item) =>
        item.VatCategory == VatCategory.Standard || item.VatCategory == VatCategory.ZeroRated ? _format.Percent(item.VatRate) : item.VatCategory.ToCode();

    private void DrawTableHeader()
    {
        _page.FillRectangle(Margin, _y, Right - Margin, 18, Accent);
        var baseline = _y + 12;
        var white = new PdfColor(1, 1, 1);
        _page.Text(_columns.Description, baseline, _labels.Description, _bold, 8, white);
        _page.TextRight(_columns.QuantityRight, baseline, _labels.Quantity, _bold, 8, white);
        _page.TextRight(_columns.UnitPriceRight, baseline, _labels.UnitPrice, _bold, 8, white);
        _page.TextRight(_columns.DiscountRight, baseline, _labels.Discount, _bold, 8, white);
        _page.TextRight(_columns.VatRight, baseline, _labels.Vat, _bold, 8, white);
        _page.TextRight(_columns.TotalRight, baseline, _labels.AmountExclTax, _bold, 8, white);
        _y += 20;
    }

    private void DrawSummary()
    {
        var totals = TotalsRows().ToList();
        var breakdownHeight = 30 + (_totals.VatBreakdown.Count * (LineHeight + 2));
        var totalsHeight = (totals.Count * (LineHeight + 5)) + 10;
        EnsureRoom(Math.Max(breakdownHeight, totalsHeight) + 10);

        var top = _y;
        var left = Margin;
        _page.Text(left, top + 10, _labels.VatBreakdown, _bold, 9, Accent);
        var y = top + 26;
        _page.Text(left, y, _labels.Vat, _regular, 7.5, Muted);
        _page.TextRight(left + 140, y, _labels.TaxBase, _regular, 7.5, Muted);
        _page.TextRight(left + 215, y, _labels.VatAmount, _regular, 7.5, Muted);
        foreach (var row in _totals.VatBreakdown)
        {
            y += LineHeight + 2;
            var label = row.Category == VatCategory.Standard ? _format.Percent(row.Rate) : $"{row.Category.ToCode()} {_format.Percent(row.Rate)}";
            _page.Text(left, y, label, _regular, BodySize);
            _page.TextRight(left + 140, y, _format.Money(row.TaxableAmount), _regular, BodySize);
            _page.TextRight(left + 215, y, _format.Money(row.TaxAmount), _regular, BodySize);
        }

        var labelRight = Right - 95;
        var ty = top + 10;
        foreach (var (label, value, strong) in totals)
        {
            if (strong)
            {
                _page.FillRectangle(labelRight - 110, ty - 11, Right - labelRight + 110, LineHeight + 6, Band);
            }

            _page.TextRight(labelRight, ty, label, strong ? _bold : _regular, strong ? 10 : 9);
            _page.TextRight(Right - 4, ty, value, strong ? _bold : _regular, strong ? 10 : 9);
            ty += LineHeight + 5;
        }

        _y = Math.Max(y, ty) + 14;
    }

    private IEnumerable<(string Label, string Value, bool Strong)> TotalsRows()
    {
        yield return (_labels.TotalExclTax, _format.Money(_totals.TaxBasis), false);
        yield return (_labels.TotalVat, _format.Money(_totals.TaxTotal), false);
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

        if (!string.IsNullOrWhiteSpace(payment.RemittanceReference))
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
        foreach (var row in _totals.VatBreakdown.Where(r => r.Category.RequiresExemptionReason()))
        {
            paragraphs.Add(CiiWriter.ExemptionFor(_invoice, row).Text);
        }

        paragraphs.AddRange(_invoice.Notes.Where(n => !string.IsNullOrWhiteSpace(n.Text) && n.Text != _invoice.TermsAndConditions).Select(n => n.Text));
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

    /// <summary>Column positions of the item table; numeric columns are right-aligned on their right edge.</summary>
    private sealed class TableColumns(double left, double right)
    {
        public double Description { get; } = left + 4;

        public double TotalRight { get; } = right - 4;

        public double VatRight => TotalRight - 78;

        public double DiscountRight => VatRight - 46;

        public double UnitPriceRight => DiscountRight - 52;

        public double QuantityRight => UnitPriceRight - 66;

        public double DescriptionWidth => QuantityRight - 58 - Description;
    }
}
