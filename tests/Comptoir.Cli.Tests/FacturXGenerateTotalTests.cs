using System.Text.Json.Nodes;
using Comptoir.Server.ClientInvoices;

namespace Comptoir.Cli.Tests;

/// <summary>
/// <c>comptoir facturx generate</c> shares the API's invoice total limit (ClientInvoiceRules.MaxTotal): an invoice
/// whose total would overflow is one clear line naming the item, not an OverflowException.
/// </summary>
public sealed class FacturXGenerateTotalTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("comptoir-cli-total-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void An_invoice_over_the_largest_total_is_refused_naming_the_item()
    {
        var root = SampleInvoiceJson.Build();
        var invoice = root.Invoice();
        var item = invoice["items"]![0]!.AsObject();
        item["quantity"] = "1000000";
        item["unit_price"] = new JsonObject { ["value"] = "100000000", ["currency"] = "EUR" };
        invoice["items"] = new JsonArray([.. Enumerable.Range(0, ClientInvoiceRules.MaxItems).Select(_ => item.DeepClone())]);
        var path = Path.Combine(_directory, "invoice.json");
        File.WriteAllText(path, root.ToJsonString());
        var pdf = Path.Combine(_directory, "invoice.pdf");

        var run = CliRun.Invoke("facturx", "generate", "--in", path, "--out", pdf);

        Assert.Equal(3, run.ExitCode);
        Assert.Single(run.Error.Trim().Split('\n'));
        Assert.Contains("invoice.json: /client_invoice/items/0/unit_price: ", run.Error, StringComparison.Ordinal);
        Assert.Contains("split the invoice", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(pdf));
    }
}
