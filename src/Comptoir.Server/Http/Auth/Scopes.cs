namespace Comptoir.Server.Http.Auth;

/// <summary>The OAuth scopes of the API, with the spellings the public guides use.</summary>
public static class Scopes
{
    public const string OrganizationRead = "organization.read";
    public const string MembershipRead = "membership.read";
    public const string ClientRead = "client.read";
    public const string ClientWrite = "client.write";
    public const string ClientInvoiceRead = "client_invoice.read";
    public const string ClientInvoiceWrite = "client_invoice.write";
    public const string AttachmentRead = "attachment.read";
    public const string AttachmentWrite = "attachment.write";
    public const string PaymentWrite = "payment.write";
    public const string BeneficiaryTrust = "beneficiary.trust";
    public const string InternalTransferWrite = "internal_transfer.write";
    public const string SupplierInvoiceRead = "supplier_invoice.read";
    public const string SupplierInvoiceWrite = "supplier_invoice.write";
    public const string Webhook = "webhook";

    public static readonly IReadOnlyList<string> All =
    [
        OrganizationRead, MembershipRead, ClientRead, ClientWrite, ClientInvoiceRead, ClientInvoiceWrite, AttachmentRead, AttachmentWrite,
        PaymentWrite, BeneficiaryTrust, InternalTransferWrite, SupplierInvoiceRead, SupplierInvoiceWrite, Webhook,
    ];

    /// <summary>The sync guide spells the invoice scopes in the plural; both are accepted.</summary>
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.Ordinal)
    {
        ["client_invoices.read"] = ClientInvoiceRead,
        ["client_invoices.write"] = ClientInvoiceWrite,
    };

    /// <summary>Parses a comma or space separated list; unknown scopes are reported.</summary>
    public static IReadOnlySet<string> Parse(string list, out IReadOnlyList<string> unknown)
    {
        ArgumentNullException.ThrowIfNull(list);
        var result = new HashSet<string>(StringComparer.Ordinal);
        var bad = new List<string>();
        foreach (var raw in list.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var scope = Aliases.GetValueOrDefault(raw, raw);
            if (All.Contains(scope) || scope.StartsWith("webhook.", StringComparison.Ordinal))
            {
                result.Add(scope);
            }
            else
            {
                bad.Add(raw);
            }
        }

        unknown = bad;
        return result;
    }
}
