using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Comptoir.EndToEnd.Tests.Support;
using Comptoir.FacturX.Tests.Support;
using Comptoir.Server.Tests.Support;

namespace Comptoir.EndToEnd.Tests;

/// <summary>
/// `comptoir serve` delivering a scripted run's events to a receiver written in Python from the public docs'
/// signature rule (standard library only): every delivery verifies there, and carries the API's rendering.
/// </summary>
public sealed class PythonWebhookReceiverTests : IDisposable
{
    private const string Secret = "whsec_python_receiver_0123456789abcdef01234";
    private const string SupplierIban = "FR7630006000011234567890189";
    private readonly string _data = Directory.CreateTempSubdirectory("comptoir-e2e-hooks-").FullName;

    public void Dispose() => Directory.Delete(_data, recursive: true);

    [Fact]
    public async Task A_python_receiver_verifies_every_delivery_of_a_scripted_run()
    {
        await using var server = await ComptoirProcess.StartAsync(Path.Combine(_data, "server"), "--allow-http-webhooks");
        await using var receiver = await PythonWebhookReceiver.StartAsync(Secret, Path.Combine(_data, "python"));
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{server.Port}/") };
        http.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", server.Authorization);
        await ApiAssert.Json(await http.Post("v2/webhook_subscriptions", new JsonObject
        {
            ["callback_url"] = receiver.Url.AbsoluteUri,
            ["types"] = new JsonArray("v1/client-invoices", "v1/clients", "v1/transactions", "v1/accounts", "v1/transfers", "v1/supplier-invoices"),
            ["secret"] = Secret,
        }), HttpStatusCode.Created);
        var iban = (await ApiAssert.Json(await http.GetAsync("v2/organization"), HttpStatusCode.OK)).GetProperty("organization").GetProperty("bank_accounts")[0].GetProperty("iban").GetString()!;

        // An invoice created, finalized, its Factur-X file ready, then paid by `comptoir admin credit`.
        var clientId = await Seeds.CreateClientAsync(http);
        var invoiceId = (await Seeds.CreateInvoiceAsync(http, Seeds.DraftBody(clientId, iban))).GetProperty("id").GetString()!;
        var number = (await ApiAssert.Json(await http.PostAsync($"v2/client_invoices/{invoiceId}/finalize", null), HttpStatusCode.OK)).GetProperty("client_invoice").GetProperty("number").GetString()!;
        await Seeds.WaitForDocumentAsync(http, invoiceId, final: true, TimeSpan.FromMinutes(2));
        var admin = new[] { "--data", server.DataDirectory };
        var credit = Comptoir(["admin", "credit", "--iban", iban, "--amount", "1800.00", "--counterparty", "Acme Corp", "--reference", $"Payment {number}", .. admin]);
        Assert.True(credit.ExitCode == 0, credit.Output + credit.Error);
        Assert.Contains($"Invoice {number} is now paid", credit.Output, StringComparison.Ordinal);

        // A transfer to a trusted beneficiary.
        Assert.Equal(0, Comptoir(["admin", "beneficiaries", "add", "--organization", "comptoir-demo", "--name", "Durand", "--iban", SupplierIban, "--bic", "AGRIFRPP", "--trusted", .. admin]).ExitCode);
        Assert.Equal(0, Comptoir(["admin", "payees", "add", "--iban", SupplierIban, "--name", "DURAND", .. admin]).ExitCode);
        var beneficiaryId = (await ApiAssert.Json(await http.GetAsync("v2/sepa/beneficiaries"), HttpStatusCode.OK)).GetProperty("beneficiaries")[0].GetProperty("id").GetString()!;
        var proof = (await ApiAssert.Json(await http.Post("v2/sepa/verify_payee", new JsonObject { ["iban"] = SupplierIban, ["beneficiary_name"] = "Durand" }), HttpStatusCode.OK)).GetProperty("proof_token").GetProperty("token").GetString()!;
        var accountId = (await ApiAssert.Json(await http.GetAsync("v2/organization"), HttpStatusCode.OK)).GetProperty("organization").GetProperty("bank_accounts")[0].GetProperty("id").GetString()!;
        var transfer = await ApiAssert.Json(await Payments(http, proof, accountId, beneficiaryId), HttpStatusCode.Created);
        var transferId = transfer.GetProperty("transfer").GetProperty("id").GetString()!;

        // A supplier invoice uploaded (its events are checked only if this server emits them).
        using var form = new MultipartFormDataContent();
        var pdf = new ByteArrayContent(Encoding.ASCII.GetBytes("%PDF-1.4\n% Facture\n%%EOF\n"));
        form.Add(pdf, "supplier_invoices[0][file]", "durand.pdf");
        form.Add(new StringContent(Guid.NewGuid().ToString()), "supplier_invoices[0][idempotency_key]");
        await ApiAssert.Json(await http.PostAsync("v2/supplier_invoices/bulk", form), HttpStatusCode.OK);

        int Count(IReadOnlyList<RecordedHook> r, string type) => r.Count(h => h.Verified && h.Type == type);
        var records = await receiver.WaitForAsync(r => Count(r, "v1/clients") >= 1 && Count(r, "v1/client-invoices") >= 4 && Count(r, "v1/transactions") >= 2
            && Count(r, "v1/transfers") >= 1 && Count(r, "v1/accounts") >= 2);
        await Task.Delay(500);
        records = receiver.Records;

        Assert.All(records, r => Assert.True(r.Verified, $"{r.Reason}: {r.Signature}"));
        Assert.All(records, r => Assert.Equal("application/json; charset=utf-8", r.Headers["Content-Type"]));
        Assert.All(records, r => Assert.Equal(r.EventId, r.Headers["X-Comptoir-Event-Id"]));
        var expected = new List<(string Type, string Id, string Path, string Name)>
        {
            ("v1/clients", clientId, $"v2/clients/{clientId}", "client"),
            ("v1/client-invoices", invoiceId, $"v2/client_invoices/{invoiceId}", "client_invoice"),
            ("v1/transfers", transferId, $"v2/sepa/transfers/{transferId}", "transfer"),
        };
        if (records.FirstOrDefault(r => r.Type == "v1/supplier-invoices") is { } supplierInvoice)
        {
            expected.Add(("v1/supplier-invoices", supplierInvoice.ResourceId, $"v2/supplier_invoices/{supplierInvoice.ResourceId}", "supplier_invoice"));
        }

        foreach (var (type, id, path, name) in expected)
        {
            var rendering = JsonNode.Parse((await ApiAssert.Json(await http.GetAsync(path), HttpStatusCode.OK)).GetProperty(name).GetRawText());
            var data = records.Where(r => r.Type == type && r.ResourceId == id)
                .Select(r => JsonNode.Parse(r.Json.GetProperty("data").GetRawText())!.AsObject())
                .Select(d => { d.Remove("event"); return d; })
                .ToList();
            Assert.True(data.Any(d => JsonNode.DeepEquals(rendering, d)), $"{type} {id}: no event carries {rendering!.ToJsonString()}");
        }

        // The receiver does check: a body changed after signing is refused.
        var original = records[0];
        using var forged = new HttpRequestMessage(HttpMethod.Post, receiver.Url) { Content = new StringContent(original.Body.Replace("\"v1/", "\"v2/", StringComparison.Ordinal), Encoding.UTF8, "application/json") };
        forged.Headers.TryAddWithoutValidation("X-Qonto-Signature", original.Signature);
        using var plain = new HttpClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await plain.SendAsync(forged)).StatusCode);
        Assert.Equal("signature mismatch", receiver.Records[^1].Reason);
    }

    private static Task<HttpResponseMessage> Payments(HttpClient http, string proof, string accountId, string beneficiaryId)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "v2/sepa/transfers")
        {
            Content = Body.Json(new JsonObject
            {
                ["vop_proof_token"] = proof,
                ["transfer"] = new JsonObject { ["beneficiary_id"] = beneficiaryId, ["bank_account_id"] = accountId, ["reference"] = "Invoice 42", ["amount"] = "12.50" },
            }),
        };
        request.Headers.Add("X-Qonto-Idempotency-Key", Guid.NewGuid().ToString());
        return http.SendAsync(request);
    }

    private static ExternalTool.Result Comptoir(IEnumerable<string> args) => ExternalTool.Run("dotnet", [ComptoirProcess.Executable, .. args]);
}
