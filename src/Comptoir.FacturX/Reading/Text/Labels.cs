using System.Text.RegularExpressions;

namespace Comptoir.FacturX.Reading.Text;

/// <summary>
/// The labels that announce each field, in French and English, matched on folded text (lower case, no accents), most
/// specific first. Each list is tried in order and the first label with a value wins.
/// </summary>
internal static partial class Labels
{
    private const string B = @"(?<![a-z])";
    private const string E = @"(?![a-z])";
    private const string Num = @"(?:n\s?°|no\.?|nr\.?|num(?:ero|\.)?|#)";
    private const string Ttc = @"t\.?\s?t\.?\s?c\.?";
    private const string Ht = @"h\.?\s?t\.?";
    private const string Tva = @"t\.?\s?v\.?\s?a\.?";

    public static readonly Regex[] InvoiceNumber =
    [
        R($@"(?:facture|invoice|avoir|credit\s+note)\s*{Num}"),
        R($@"(?:{Num}|numero|number)\s*(?:de\s+(?:la\s+)?|d')?(?:facture|avoir|invoice)"),
        R(@"(?:invoice|credit\s+note)\s+(?:number|id|ref(?:erence)?)"),
        R(@"ref(?:erence|\.)?\s+(?:de\s+(?:la\s+)?)?facture|reference\s+a\s+rappeler"),
        // Last: a bare "Numéro" or "N°" starting a cell, unless it numbers something else.
        R(@"^(?:numero|number|n\s?°|no\.?)(?!\s*(?:de\s+|d')?(?:tva|vat|client|customer|siret|siren|commande|order|bon|tel|telephone|phone|compte|account|rcs|page|lot|dossier))"),
    ];

    /// <summary>A title followed by the number in the same segment ("FACTURE FA-2026-014", "Invoice INV-88").</summary>
    public static readonly Regex TitleWithNumber = new(@"^(?:facture|invoice|avoir|credit\s+note)(?![a-z])", RegexOptions.CultureInvariant);

    public static readonly Regex[] DueDate =
    [
        R(@"date\s+(?:d'|de\s+l')?echeance"),
        R(@"date\s+limite\s+de\s+(?:paiement|reglement)"),
        R(@"echeance"),
        R(@"(?:a\s+)?(?:payer|regler|payable|reglement)\s+(?:avant\s+le|au\s+plus\s+tard\s+le|le)"),
        R(@"(?:payment\s+)?due\s+date|payment\s+due(?:\s+(?:date|on|by))?|due\s+(?:on|by)|payable\s+(?:by|on|before)|pay\s+by"),
        R(@"^due"),
    ];

    public static readonly Regex[] IssueDate =
    [
        R(@"date\s+(?:de\s+(?:la\s+)?|d')?(?:facture|facturation|emission)"),
        R(@"(?:invoice|billing)\s+date|date\s+of\s+(?:issue|invoice)|issue\s+date|issued(?:\s+on)?|emise?\s+le|facture\s+du|avoir\s+du|invoice\s+of"),
        R(@"(?<!due\s)(?<!payment\s)(?<!delivery\s)(?<!limite\s)date(?!\s*(?:d'|de\s+l')?echeance)(?!\s+(?:limite|de\s+livraison|de\s+paiement|de\s+reglement|of\s+delivery|due|d'exigibilite|de\s+prestation|de\s+vente))"),
    ];

    public static readonly Regex[] TotalIncludingVat =
    [
        R($@"(?:total|montant)\s*(?:net\s+)?\(?{Ttc}\)?|total\s+toutes\s+taxes\s+comprises"),
        R($@"total\s*\(?(?:incl\.?|including|inc\.?|with)\s+(?:vat|tax(?:es)?|{Tva})\)?|total\s+amount\s*\(?incl"),
        R(@"grand\s+total|invoice\s+total|total\s+(?:de\s+la\s+)?facture|total\s+amount"),
        R($@"(?<!sub[\s-])(?<!sous[\s-])total(?!\s*(?:{Ht}|hors|{Tva}|vat|tax|excl|ex\.|net|before|a\s+payer|due|des\s|qty|quantit|lignes?|\())"),
    ];

    public static readonly Regex[] AmountDue =
    [
        R(@"net\s+a\s+payer|(?:reste|montant|total|solde|somme)\s+a\s+(?:payer|regler)"),
        R(@"amount\s+(?:due|payable|to\s+pay)|balance\s+due|total\s+due|total\s+payable"),
    ];

    public static readonly Regex[] TotalExcludingVat =
    [
        R($@"(?:total|montant)\s*(?:net\s+)?\(?{Ht}\)?|total\s+hors\s+tax(?:e|es)?|montant\s+hors\s+tax(?:e|es)?"),
        R($@"total\s*\(?(?:excl\.?|excluding|ex\.?|before|net\s+of|without)\s+(?:vat|tax(?:es)?|{Tva})\)?|total\s+before\s+tax"),
        R(@"sous[\s-]?total|sub[\s-]?total|total\s+net|net\s+total|net\s+amount|base\s+ht"),
    ];

    public static readonly Regex[] VatAmount =
    [
        R($@"(?:total|montant)\s+(?:de\s+(?:la\s+)?)?{Tva}|(?:total|montant)\s+(?:vat|tax(?:es)?)|(?:vat|tax)\s+amount"),
        // Not the VAT of "Total incl. VAT", "Total HT hors TVA", "N° TVA".
        R($@"(?<!n\s?°\s?)(?<!no\.?\s)(?<!numero\s(?:de\s)?)(?<!(?:incl|excl|ex|inc)\.?\s\(?)(?<!(?:including|excluding|before|without|with|hors|total|montant|net\s+of)\s\(?)(?:{Tva}|vat|sales\s+tax|tax)(?!\s*(?:intra|n\s?°|no\.?\s|num|number|id|ident|reg|non\s|/|:?\s*[a-z]{{2}}\s?\d{{2}}))"),
    ];

    public static readonly Regex[] Siren =
    [
        R(@"siren|siret|rcs|r\.c\.s\.?|registration\s+(?:number|no)|company\s+(?:number|registration|reg\.?\s+no)"),
    ];

    public static readonly Regex[] VatNumber =
    [
        R($@"{Tva}\s+intra(?:communautaire|com\.?|-communautaire)?|(?:{Num}|numero|identifiant|id\.?)\s*(?:de\s+)?{Tva}|vat\s+(?:number|no\.?|id|reg(?:istration)?(?:\s+no\.?)?)|vat"),
        R(Tva),
    ];

    public static readonly Regex[] SupplierName =
    [
        R(@"fournisseur|emetteur|vendeur|prestataire|supplier|seller|vendor|issued\s+by|emis\s+par|from"),
    ];

    /// <summary>"TVA non applicable, art. 293 B du CGI" and its English forms: a VAT amount of zero.</summary>
    public static readonly Regex NoVat = R(@"tva\s+non\s+applicable|293\s?b|autoliquidation|vat\s+(?:not\s+applicable|exempt)|reverse\s+charge");

    /// <summary>A title that makes the document a credit note.</summary>
    public static readonly Regex CreditNoteTitle = new(@"^(?:avoir|facture\s+d'avoir|credit\s+note)(?![a-z])", RegexOptions.CultureInvariant);

    /// <summary>Words that are a document title, not a supplier.</summary>
    public static readonly Regex Title = new(@"^(?:facture|invoice|avoir|credit\s+note|devis|quote|page|bon\s+de)(?![a-z])", RegexOptions.CultureInvariant);

    /// <summary>Any label of any field: where a value's search along a line stops.</summary>
    [GeneratedRegex(@"(?<![a-z])(?:total|montant|tva|vat|tax|date|echeance|due|facture|invoice|net\s+a\s+payer|sous[\s-]?total|subtotal|siren|siret|iban|bic|n\s?°)(?![a-z])")]
    public static partial Regex AnyField();

    private static Regex R(string pattern) => new(B + "(?:" + pattern + ")" + E, RegexOptions.CultureInvariant);
}
