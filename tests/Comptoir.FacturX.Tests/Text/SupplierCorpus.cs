using System.Globalization;
using System.Text.Json;
using Comptoir.FacturX.Reading.Text;
using Comptoir.FacturX.Tests.Support;

namespace Comptoir.FacturX.Tests.Text;

/// <summary>
/// The documents of tests/corpus/supplier-invoices (made by tests/corpus/make-supplier-invoices.py) with the values
/// stated in the JSON beside each, and the scoring of what the finder read against them.
/// </summary>
public static class SupplierCorpus
{
    public static readonly string[] Fields =
    [
        "supplier_name", "invoice_number", "issue_date", "due_date", "total_amount", "total_tax_amount", "total_amount_excluding_taxes",
        "payable_amount", "iban", "tin", "vat_number", "currency", "is_credit_note",
    ];

    public sealed record Document(string Name, string Path, string Engine, string Producer, IReadOnlyDictionary<string, string?> Expected);

    public static string Directory => System.IO.Path.Combine(RepositoryRoot.Find(), "tests", "corpus", "supplier-invoices");

    public static IReadOnlyList<Document> Load(string engine)
    {
        var documents = new List<Document>();
        foreach (var json in System.IO.Directory.GetFiles(Directory, "*.json").Order(StringComparer.Ordinal))
        {
            using var parsed = JsonDocument.Parse(File.ReadAllBytes(json));
            var root = parsed.RootElement;
            if (root.GetProperty("engine").GetString() != engine)
            {
                continue;
            }

            var name = System.IO.Path.GetFileNameWithoutExtension(json);
            var file = new[] { ".pdf", ".png", ".jpg" }.Select(e => System.IO.Path.Combine(Directory, name + e)).Single(File.Exists);
            var expected = Fields.ToDictionary(f => f, f => root.GetProperty(f) switch
            {
                { ValueKind: JsonValueKind.Null } => null,
                { ValueKind: JsonValueKind.True } => "true",
                { ValueKind: JsonValueKind.False } => "false",
                var value => value.GetString(),
            });
            documents.Add(new Document(name, file, engine, root.GetProperty("producer").GetString()!, expected));
        }

        return documents;
    }

    /// <summary>The fields as the corpus JSON writes them: dates ISO, amounts with two decimals, names folded for comparison.</summary>
    public static Dictionary<string, string?> AsCorpusValues(InvoiceTextFields found) => new()
    {
        ["supplier_name"] = found.SupplierName,
        ["invoice_number"] = found.InvoiceNumber,
        ["issue_date"] = found.IssueDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["due_date"] = found.DueDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["total_amount"] = Amount(found.TotalIncludingVat),
        ["total_tax_amount"] = Amount(found.VatAmount),
        ["total_amount_excluding_taxes"] = Amount(found.TotalExcludingVat),
        ["payable_amount"] = Amount(found.AmountDue),
        ["iban"] = found.Iban,
        ["tin"] = found.Siren,
        ["vat_number"] = found.VatNumber,
        ["currency"] = found.Currency,
        // A flag is "found" only when set: an invoice read as one is no finding.
        ["is_credit_note"] = found.IsCreditNote ? "true" : null,
    };

    /// <summary>Names compare without case, accents, punctuation or repeated spaces (OCR and layouts vary on those).</summary>
    public static bool Same(string field, string? expected, string? found) =>
        expected is not null && found is not null && (field == "supplier_name" ? Loose(expected) == Loose(found) : string.Equals(expected, found, StringComparison.OrdinalIgnoreCase));

    private static string Loose(string name) => string.Join(' ', TextFolding.Fold(name).Split(' ', '.', ',', '-').Where(p => p.Length > 0));

    private static string? Amount(decimal? value) => value?.ToString("0.00", CultureInfo.InvariantCulture);
}

/// <summary>Precision (right among found) and recall (right among expected) of each field over a corpus.</summary>
public sealed class FieldScores
{
    private readonly Dictionary<string, (int Expected, int Found, int Right)> _counts = SupplierCorpus.Fields.ToDictionary(f => f, _ => (0, 0, 0));

    public List<string> Misses { get; } = [];

    public void Add(string document, IReadOnlyDictionary<string, string?> expected, IReadOnlyDictionary<string, string?> found)
    {
        foreach (var field in SupplierCorpus.Fields)
        {
            var (e, f) = (expected[field] == "false" ? null : expected[field], found[field]);
            var right = SupplierCorpus.Same(field, e, f);
            var (ce, cf, cr) = _counts[field];
            _counts[field] = (ce + (e is null ? 0 : 1), cf + (f is null ? 0 : 1), cr + (right ? 1 : 0));
            if (!right && (e is not null || f is not null))
            {
                Misses.Add($"{document}: {field} expected {e ?? "(none)"}, found {f ?? "(none)"}");
            }
        }
    }

    public double Precision(string field) => _counts[field].Found == 0 ? 1 : (double)_counts[field].Right / _counts[field].Found;

    public double Recall(string field) => _counts[field].Expected == 0 ? 1 : (double)_counts[field].Right / _counts[field].Expected;

    public string Table()
    {
        var lines = new List<string> { "| field | expected | found | right | precision | recall |", "|---|---:|---:|---:|---:|---:|" };
        lines.AddRange(SupplierCorpus.Fields.Select(f =>
            $"| {f} | {_counts[f].Expected} | {_counts[f].Found} | {_counts[f].Right} | {Precision(f):P0} | {Recall(f):P0} |"));
        return string.Join(Environment.NewLine, lines);
    }
}
