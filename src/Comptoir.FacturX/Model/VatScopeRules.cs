using Comptoir.Core.Invoicing;

namespace Comptoir.FacturX.Model;

/// <summary>A fatal EN 16931 rule an invoice would break, with the line it is about (null for the whole invoice).</summary>
public sealed record InvoiceRuleViolation(string RuleId, string Message, int? LineIndex)
{
    public override string ToString() => LineIndex is { } line ? $"{RuleId}: {Message} (line {line + 1})" : $"{RuleId}: {Message}";
}

/// <summary>Thrown instead of writing a Factur-X file that would break a fatal rule.</summary>
public sealed class InvoiceRuleException(IReadOnlyList<InvoiceRuleViolation> violations)
    : Exception(string.Join(Environment.NewLine, violations.Select(v => v.ToString())))
{
    public IReadOnlyList<InvoiceRuleViolation> Violations { get; } = violations;
}

/// <summary>What <see cref="VatScopeRules"/> needs to know of an invoice: who has which identifier, and each line's category.</summary>
public sealed record VatScopeFacts(bool SellerHasVatNumber, bool SellerHasTaxRegistration, bool BuyerHasVatNumber, IReadOnlyList<VatCategory> LineCategories)
{
    public static VatScopeFacts Of(InvoiceDocument invoice)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        return new VatScopeFacts(
            !string.IsNullOrWhiteSpace(invoice.Seller.VatNumber),
            !string.IsNullOrWhiteSpace(invoice.Seller.TaxRegistrationId),
            !string.IsNullOrWhiteSpace(invoice.Buyer.VatNumber),
            [.. invoice.Lines.Select(l => l.VatCategory)]);
    }
}

/// <summary>
/// The EN 16931 rules that tie a VAT category to who may invoice it, which no line-by-line check sees: a supply
/// outside the scope of VAT (category O, art. 259 B) carries no VAT number at all (BR-O-02) and no other category
/// (BR-O-11, BR-O-12); an exempt supply (category E) names the seller's VAT number or tax registration (BR-E-02).
/// Small explicit checks, shared by the generator, <c>comptoir facturx generate</c> and the API, until a full rules
/// validator takes their place.
/// </summary>
public static class VatScopeRules
{
    public static IReadOnlyList<InvoiceRuleViolation> Check(InvoiceDocument invoice) => Check(VatScopeFacts.Of(invoice));

    public static IReadOnlyList<InvoiceRuleViolation> Check(VatScopeFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var violations = new List<InvoiceRuleViolation>();
        var categories = facts.LineCategories;
        var firstOutOfScope = IndexOf(categories, c => c == VatCategory.NotSubject);
        if (firstOutOfScope >= 0)
        {
            if (facts.SellerHasVatNumber || facts.BuyerHasVatNumber)
            {
                var who = facts.SellerHasVatNumber ? "the seller has one" : "the client has one";
                violations.Add(new InvoiceRuleViolation("BR-O-02",
                    $"a supply outside the scope of VAT (category O, such as art. 259 B) cannot carry a VAT number for the seller or the client, and {who}; " +
                    "when the operation is taxed elsewhere, use its own exemption reason (reverse charge, export, intra-community supply).",
                    firstOutOfScope));
            }

            var other = IndexOf(categories, c => c != VatCategory.NotSubject);
            if (other >= 0)
            {
                violations.Add(new InvoiceRuleViolation("BR-O-11",
                    $"a supply outside the scope of VAT (category O) cannot share an invoice with lines of another VAT category (line {other + 1} is {categories[other].ToCode()}); invoice them separately.",
                    firstOutOfScope));
            }
        }

        var firstExempt = IndexOf(categories, c => c == VatCategory.Exempt);
        if (firstExempt >= 0 && !facts.SellerHasVatNumber && !facts.SellerHasTaxRegistration)
        {
            violations.Add(new InvoiceRuleViolation("BR-E-02",
                "an exempt supply (category E, such as art. 293 B) needs the seller's VAT number or tax registration identifier, and the seller has neither.",
                firstExempt));
        }

        return violations;
    }

    /// <summary>Throws <see cref="InvoiceRuleException"/> when the invoice breaks one of the rules.</summary>
    public static void Enforce(InvoiceDocument invoice)
    {
        var violations = Check(invoice);
        if (violations.Count > 0)
        {
            throw new InvoiceRuleException(violations);
        }
    }

    private static int IndexOf(IReadOnlyList<VatCategory> categories, Func<VatCategory, bool> match)
    {
        for (var i = 0; i < categories.Count; i++)
        {
            if (match(categories[i]))
            {
                return i;
            }
        }

        return -1;
    }
}
