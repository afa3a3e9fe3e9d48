using System.Globalization;
using System.Text;
using System.Text.Json;
using Comptoir.Client;
using Comptoir.Client.Models;

namespace Comptoir.Cli.Commands;

/// <summary>What `comptoir webhooks listen` prints for an event: one readable line, or the delivery's body as one JSON line.</summary>
internal static class WebhookListenOutput
{
    /// <summary>"20:30:05  v1/client-invoices  updated  &lt;resource id&gt;  F-2026-001 paid 1800.00 EUR  (event &lt;id&gt;)".</summary>
    public static string Line(WebhookEvent hook)
    {
        ArgumentNullException.ThrowIfNull(hook);
        var id = hook.Data.TryGetProperty("id", out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : "-";
        var summary = Summary(hook);
        return string.Create(CultureInfo.InvariantCulture,
            $"{hook.CreatedAt.UtcDateTime:HH:mm:ss}  {hook.Type,-20} {hook.Event,-8} {id}{(summary.Length == 0 ? string.Empty : "  " + summary)}  (event {hook.Id})");
    }

    /// <summary>The delivery's body as it came, on one line (re-written compactly only if it spans several).</summary>
    public static string JsonLine(ReadOnlySpan<byte> rawBody)
    {
        if (rawBody.IndexOfAny((byte)'\n', (byte)'\r') < 0)
        {
            return Encoding.UTF8.GetString(rawBody);
        }

        using var document = JsonDocument.Parse(rawBody.ToArray());
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, ApiConnection.Output))
        {
            document.RootElement.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static string Summary(WebhookEvent hook) => hook.Resource switch
    {
        _ when hook.IsTest => "test event",
        ClientInvoice invoice => $"{invoice.Number ?? "(no number)"} {invoice.Status} {invoice.TotalAmount.Value} {invoice.TotalAmount.Currency}",
        Client.Models.Client client => client.Name ?? $"{client.FirstName} {client.LastName}".Trim(),
        Transaction transaction => string.Create(CultureInfo.InvariantCulture, $"{transaction.Side} {transaction.Amount:0.00} {transaction.Currency} {transaction.Status} \"{transaction.Label}\""),
        BankAccount account => string.Create(CultureInfo.InvariantCulture, $"balance {account.Balance:0.00} {account.Currency}"),
        Organization organization => organization.LegalName,
        SupplierInvoice supplierInvoice => $"{supplierInvoice.Status} {supplierInvoice.FileName}",
        Transfer transfer => string.Create(CultureInfo.InvariantCulture, $"{transfer.Amount:0.00} {transfer.AmountCurrency} {transfer.Status}"),
        _ => string.Empty,
    };
}
