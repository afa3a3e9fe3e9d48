using System.Text.RegularExpressions;

namespace Comptoir.FacturX.Reading.Text;

/// <summary>
/// Reads an invoice's fields from its text lines (a PDF's text layer or OCR): each field from the labels that announce
/// it, in French and English, its value after the label, in the next cell of the line or under it; identifiers only
/// when their checksum holds (IBAN mod-97, SIREN Luhn, French VAT key). Totals missing from the page are completed by
/// the arithmetic between them (HT + TVA = TTC) when the other two were read. Pure: same lines, same fields.
/// </summary>
public static class InvoiceFieldFinder
{
    /// <summary>Lines from the top of the first page where a credit note's title is looked for.</summary>
    private const int TitleLines = 12;

    public static InvoiceTextFields Find(IReadOnlyList<TextLine> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        if (lines.Count == 0)
        {
            return new InvoiceTextFields();
        }

        var document = new TextDocument(lines);
        var dueDate = First<DateOnly>(document, Labels.DueDate, ValueReaders.Date);
        var issueDate = First<DateOnly>(document, Labels.IssueDate, ValueReaders.Date, except: dueDate);
        var fields = new InvoiceTextFields
        {
            SupplierName = SupplierNames.Find(document),
            InvoiceNumber = First<string>(document, Labels.InvoiceNumber, ValueReaders.InvoiceNumber)?.Value
                ?? LabelledValues.Find<string>(document, Labels.TitleWithNumber, ValueReaders.InvoiceNumber, sameSegmentOnly: true).FirstOrDefault()?.Value,
            IssueDate = issueDate?.Value ?? FirstDateExcept(document, dueDate?.Value),
            DueDate = dueDate?.Value,
            TotalIncludingVat = Total(document, Labels.TotalIncludingVat),
            TotalExcludingVat = Total(document, Labels.TotalExcludingVat),
            VatAmount = Total(document, Labels.VatAmount),
            AmountDue = Total(document, Labels.AmountDue),
            Currency = Currency(document),
            Iban = Iban(document),
            VatNumber = VatNumber(document),
            IsCreditNote = Enumerable.Range(0, Math.Min(TitleLines, lines.Count)).Any(i => document.Folded[i].Any(s => Labels.CreditNoteTitle.IsMatch(s))),
        };
        fields = fields with { Siren = Siren(document, fields.VatNumber) };
        return TotalArithmetic.Complete(fields, noVat: document.Folded.Any(l => l.Any(s => Labels.NoVat.IsMatch(s))));
    }

    /// <summary>The first label of the list that has a value; for it, a value on the label's line before one below it.</summary>
    private static LabelledValue<T>? First<T>(TextDocument document, Regex[] labels, ValueReader<T> read, LabelledValue<DateOnly>? except = null)
    {
        foreach (var label in labels)
        {
            var found = LabelledValues.Find(document, label, read)
                .Where(v => except is null || (v.Line, v.Segment) != (except.Line, except.Segment))
                .OrderBy(v => v.Placement == Placement.Below ? 1 : 0)
                .FirstOrDefault();
            if (found is not null)
            {
                return found;
            }
        }

        return null;
    }

    /// <summary>
    /// A total: the first label of the list with a value on its own line, taking the last such line (totals close the
    /// document; the same words in a table header come first); a value under a header cell only when none is on a
    /// line, the last one again.
    /// </summary>
    private static decimal? Total(TextDocument document, Regex[] labels)
    {
        foreach (var label in labels)
        {
            var found = LabelledValues.Find<decimal>(document, label, ValueReaders.Amount).ToList();
            var onLine = found.Where(v => v.Placement != Placement.Below).ToList();
            if (onLine.Count > 0)
            {
                return onLine[^1].Value;
            }

            if (found.Count > 0)
            {
                return found[^1].Value; // the totals table comes after the lines' table with the same headers
            }
        }

        return null;
    }

    /// <summary>Without an issue-date label: the first date of the document that is not the due date.</summary>
    private static DateOnly? FirstDateExcept(TextDocument document, DateOnly? dueDate) =>
        document.Lines.SelectMany(l => DateText.FindAll(l.Text)).Select(d => (DateOnly?)d.Value).FirstOrDefault(d => d != dueDate);

    private static string? Iban(TextDocument document)
    {
        foreach (var line in document.Lines)
        {
            if (ValueReaders.IbanIn(line.Text, out var iban))
            {
                return iban;
            }
        }

        return null;
    }

    /// <summary>A labelled VAT number outside the buyer's block; else any key-valid French one outside it.</summary>
    private static string? VatNumber(TextDocument document)
    {
        foreach (var label in Labels.VatNumber)
        {
            var found = LabelledValues.Find<string>(document, label, ValueReaders.VatNumber).FirstOrDefault(v => !document.IsBuyer(v.Line, v.Segment));
            if (found is not null)
            {
                return found.Value;
            }
        }

        for (var i = 0; i < document.Lines.Count; i++)
        {
            var segments = document.Lines[i].Segments;
            for (var j = 0; j < segments.Count; j++)
            {
                if (!document.IsBuyer(i, j) && ValueReaders.FrenchVat(segments[j].Text, out var vat))
                {
                    return vat;
                }
            }
        }

        return null;
    }

    /// <summary>A labelled SIREN or SIRET outside the buyer's block; else the SIREN inside the supplier's French VAT number.</summary>
    private static string? Siren(TextDocument document, string? vatNumber)
    {
        foreach (var label in Labels.Siren)
        {
            var found = LabelledValues.Find<string>(document, label, ValueReaders.Siren).FirstOrDefault(v => !document.IsBuyer(v.Line, v.Segment));
            if (found is not null)
            {
                return found.Value;
            }
        }

        return vatNumber is not null && CompanyIdentifiers.IsFrenchVatNumber(vatNumber) && CompanyIdentifiers.IsSiren(vatNumber[4..]) ? vatNumber[4..] : null;
    }

    private static string? Currency(TextDocument document)
    {
        var text = string.Join('\n', document.Lines.Select(l => l.Text));
        (string Code, int Count)[] counts =
        [
            ("EUR", Count(text, "€") + Count(text, "EUR")),
            ("USD", Count(text, "$") + Count(text, "USD")),
            ("GBP", Count(text, "£") + Count(text, "GBP")),
            ("CHF", Count(text, "CHF")),
        ];
        var best = counts.MaxBy(c => c.Count);
        return best.Count > 0 ? best.Code : null;
    }

    private static int Count(string text, string what)
    {
        var count = 0;
        for (var at = text.IndexOf(what, StringComparison.Ordinal); at >= 0; at = text.IndexOf(what, at + what.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
