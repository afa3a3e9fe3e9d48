using System.Globalization;
using System.Xml.Linq;

namespace Comptoir.FacturX.Tests.Differential;

/// <summary>
/// Derives broken invoices from valid ones, deterministically from a seed: a field removed, an amount changed
/// (off by a cent, doubled, negated, given a third decimal), a code swapped (document type, currency, country,
/// unit, scheme, exemption reason, payment means), a VAT category changed, an attribute dropped. Every mutated
/// value still casts as the official rules expect (numbers stay numbers), so Saxon decides every file.
/// </summary>
public static class InvoiceMutator
{
    private static readonly string[] Categories = ["S", "Z", "E", "AE", "K", "G", "O", "L", "M", "B", "X"];

    private static readonly Dictionary<string, string[]> CodeSwaps = new(StringComparer.Ordinal)
    {
        ["TypeCode"] = ["380", "381", "384", "389", "751", "999", "VAT", "30", "58", "1"],
        ["InvoiceTypeCode"] = ["380", "381", "384", "999"],
        ["CreditNoteTypeCode"] = ["381", "380", "999"],
        ["InvoiceCurrencyCode"] = ["EUR", "USD", "XXY"],
        ["DocumentCurrencyCode"] = ["EUR", "USD", "XXY"],
        ["TaxCurrencyCode"] = ["EUR", "USD", "XXY"],
        ["CountryID"] = ["FR", "DE", "IT", "ZZ", "fr"],
        ["IdentificationCode"] = ["FR", "DE", "IT", "ZZ"],
        ["ExemptionReasonCode"] = ["VATEX-EU-O", "VATEX-EU-AE", "VATEX-FR-FRANCHISE", "VATEX-XX"],
        ["TaxExemptionReasonCode"] = ["VATEX-EU-O", "VATEX-EU-AE", "VATEX-XX"],
        ["PaymentMeansCode"] = ["30", "58", "49", "1", "999"],
        ["DueDateTypeCode"] = ["5", "29", "72", "3"],
        ["ReasonCode"] = ["95", "100", "ABL", "FC", "999"],
        ["AllowanceChargeReasonCode"] = ["95", "100", "ABL", "FC", "999"],
        ["SubjectCode"] = ["AAI", "PMT", "REG", "XYZ"],
        ["ID"] = ["VAT", "FC", "XX"],
    };

    private static readonly Dictionary<string, string[]> AttributeSwaps = new(StringComparer.Ordinal)
    {
        ["unitCode"] = ["C62", "HUR", "XXX", "H87", "ZZ"],
        ["schemeID"] = ["0225", "0088", "VA", "FC", "9999", "EM", "SEPA"],
        ["currencyID"] = ["EUR", "USD", "XXY"],
        ["listID"] = ["STI", "ZZZ"],
        ["format"] = ["102", "610"],
        ["mimeCode"] = ["application/pdf", "text/plain"],
    };

    /// <summary><paramref name="count"/> mutants of the given seeds, the same for the same seed value.</summary>
    public static IReadOnlyList<DifferentialCase> Mutate(IReadOnlyList<DifferentialCase> seeds, int count, int seed)
    {
        var random = new Random(seed);
        var mutants = new List<DifferentialCase>();
        while (mutants.Count < count)
        {
            var source = seeds[random.Next(seeds.Count)];
            var document = XDocument.Load(new MemoryStream(source.Xml));
            var description = Apply(document, random);
            if (description is null)
            {
                continue;
            }

            var stream = new MemoryStream();
            document.Save(stream);
            mutants.Add(new DifferentialCase($"mutant-{mutants.Count:000}/{source.Name} {description}", source.Syntax, stream.ToArray()));
        }

        return mutants;
    }

    private static string? Apply(XDocument document, Random random)
    {
        var elements = document.Root!.Descendants().ToList();
        switch (random.Next(6))
        {
            case 0:
            {
                var target = elements[random.Next(elements.Count)];
                target.Remove();
                return $"removed {target.Name.LocalName}";
            }

            case 1:
            {
                var amounts = elements.Where(e => !e.HasElements && (e.Name.LocalName.EndsWith("Amount", StringComparison.Ordinal) || e.Name.LocalName is "RateApplicablePercent" or "Percent")
                    && decimal.TryParse(e.Value, NumberStyles.Number, CultureInfo.InvariantCulture, out _)).ToList();
                if (amounts.Count == 0)
                {
                    return null;
                }

                var target = amounts[random.Next(amounts.Count)];
                var value = decimal.Parse(target.Value, NumberStyles.Number, CultureInfo.InvariantCulture);
                var changed = random.Next(5) switch
                {
                    0 => value + 0.01m,
                    1 => value * 2,
                    2 => -value,
                    3 => value + 0.005m,
                    _ => 0m,
                };
                target.Value = changed.ToString(CultureInfo.InvariantCulture);
                return $"{target.Name.LocalName} {value} -> {target.Value}";
            }

            case 2:
            {
                var codes = elements.Where(e => !e.HasElements && CodeSwaps.ContainsKey(e.Name.LocalName)).ToList();
                if (codes.Count == 0)
                {
                    return null;
                }

                var target = codes[random.Next(codes.Count)];
                var options = CodeSwaps[target.Name.LocalName];
                var before = target.Value;
                target.Value = options[random.Next(options.Length)];
                return $"{target.Name.LocalName} {before} -> {target.Value}";
            }

            case 3:
            {
                var categories = elements.Where(e => e.Name.LocalName == "CategoryCode" || (e.Name.LocalName == "ID" && e.Parent?.Name.LocalName is "ClassifiedTaxCategory" or "TaxCategory")).ToList();
                if (categories.Count == 0)
                {
                    return null;
                }

                var target = categories[random.Next(categories.Count)];
                var before = target.Value;
                target.Value = Categories[random.Next(Categories.Length)];
                return $"category {before} -> {target.Value}";
            }

            case 4:
            {
                var attributes = elements.SelectMany(e => e.Attributes()).Where(a => !a.IsNamespaceDeclaration && AttributeSwaps.ContainsKey(a.Name.LocalName)).ToList();
                if (attributes.Count == 0)
                {
                    return null;
                }

                var target = attributes[random.Next(attributes.Count)];
                var options = AttributeSwaps[target.Name.LocalName];
                var before = target.Value;
                target.Value = options[random.Next(options.Length)];
                return $"@{target.Name.LocalName} {before} -> {target.Value}";
            }

            default:
            {
                var attributes = elements.SelectMany(e => e.Attributes()).Where(a => !a.IsNamespaceDeclaration).ToList();
                if (attributes.Count == 0)
                {
                    return null;
                }

                var target = attributes[random.Next(attributes.Count)];
                target.Remove();
                return $"removed @{target.Name.LocalName}";
            }
        }
    }
}
