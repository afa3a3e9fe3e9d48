namespace Comptoir.FacturX.Model;

/// <summary>Seller (BG-4) or buyer (BG-7).</summary>
public sealed record Party
{
    public required string Name { get; init; }

    /// <summary>BT-28/BT-45 trading name, when different from the legal name.</summary>
    public string? TradingName { get; init; }

    /// <summary>BT-30/BT-47 legal registration identifier; for French companies the 9-digit SIREN (scheme 0002).</summary>
    public string? LegalId { get; init; }

    /// <summary>ISO 6523 scheme of <see cref="LegalId"/>: 0002 (SIREN) by default, 0009 for a SIRET.</summary>
    public string LegalIdScheme { get; init; } = "0002";

    /// <summary>BT-31/BT-48 VAT identifier.</summary>
    public string? VatNumber { get; init; }

    /// <summary>
    /// BT-32 seller tax registration identifier (scheme FC): what identifies a seller without a VAT number to its tax
    /// office, which BR-E-02 accepts in place of one (a micro-entrepreneur under art. 293 B).
    /// </summary>
    public string? TaxRegistrationId { get; init; }

    public required PostalAddress Address { get; init; }

    /// <summary>BT-34/BT-49 electronic address, with its EAS scheme (0225 for the French directory, EM for e-mail).</summary>
    public ElectronicAddress? ElectronicAddress { get; init; }

    public string? ContactName { get; init; }

    public string? ContactEmail { get; init; }

    public string? ContactPhone { get; init; }
}

/// <summary>A postal address; <see cref="CountryCode"/> is ISO 3166-1 alpha-2.</summary>
public sealed record PostalAddress
{
    public string? Line1 { get; init; }

    public string? Line2 { get; init; }

    public string? Line3 { get; init; }

    public string? PostCode { get; init; }

    public string? City { get; init; }

    public string? CountrySubdivision { get; init; }

    public required string CountryCode { get; init; }
}

/// <summary>An electronic address (endpoint) with its CEF EAS scheme.</summary>
public sealed record ElectronicAddress(string Value, string Scheme);

/// <summary>BG-16 payment instructions: SEPA credit transfer (58) to an IBAN.</summary>
public sealed record PaymentInstructions
{
    /// <summary>UNTDID 4461 payment means code; 58 is SEPA credit transfer.</summary>
    public string MeansCode { get; init; } = "58";

    public string? Iban { get; init; }

    public string? Bic { get; init; }

    public string? AccountName { get; init; }

    /// <summary>BT-83 remittance information the payer must quote.</summary>
    public string? RemittanceReference { get; init; }
}
