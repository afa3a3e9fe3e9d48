namespace Comptoir.FacturX.Layout;

/// <summary>Choices that change how an invoice is printed but not what it says.</summary>
public sealed record InvoiceLayoutOptions
{
    /// <summary>Print the DRAFT mark (drafts carry no number and no XML).</summary>
    public bool Draft { get; init; }

    /// <summary>Language of the labels: "fr" (default) or "en".</summary>
    public string Language { get; init; } = "fr";
}
