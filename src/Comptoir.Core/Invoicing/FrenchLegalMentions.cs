namespace Comptoir.Core.Invoicing;

/// <summary>
/// The mentions French law requires on a B2B invoice (Code de commerce L441-9), used when neither the invoice nor
/// the organization states its own. They become EN 16931 notes PMD, PMT and AAB, which BR-FR-05 makes mandatory.
/// </summary>
public static class FrenchLegalMentions
{
    /// <summary>Late payment penalties (note subject PMD).</summary>
    public const string LatePaymentPenalties =
        "En cas de retard de paiement, des pénalités calculées à trois fois le taux d'intérêt légal seront exigibles.";

    /// <summary>The 40 EUR fixed recovery indemnity (note subject PMT).</summary>
    public const string FixedRecoveryCompensation =
        "Tout retard de paiement entraîne une indemnité forfaitaire pour frais de recouvrement de 40 €.";

    /// <summary>Early payment discount, or its absence (note subject AAB).</summary>
    public const string NoEarlyPaymentDiscount = "Pas d'escompte pour paiement anticipé.";

    /// <summary>BT-23 billing mode for the API's transaction_type: goods B1, services S1, both M1.</summary>
    public static string BillingModeFor(string? transactionType) => transactionType?.Trim().ToLowerInvariant() switch
    {
        "goods" => "B1",
        "both" or "goods_and_services" => "M1",
        _ => "S1",
    };
}

/// <summary>The VAT rates French invoices may carry (BR-FR-16), as fractions.</summary>
public static class FrenchVatRates
{
    public static readonly IReadOnlyList<decimal> Allowed =
        [0m, 0.009m, 0.0105m, 0.0175m, 0.021m, 0.055m, 0.07m, 0.085m, 0.092m, 0.096m, 0.1m, 0.13m, 0.196m, 0.2m, 0.206m];

    public static bool IsAllowed(decimal rate) => Allowed.Contains(rate);
}
