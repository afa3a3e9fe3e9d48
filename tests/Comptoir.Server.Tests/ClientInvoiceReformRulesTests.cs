using System.Net;
using System.Text.Json.Nodes;
using Comptoir.Server.Tests.Support;

namespace Comptoir.Server.Tests;

/// <summary>
/// The API refuses what would make an invalid Factur-X file, naming the rule and the field: services outside
/// French VAT from a seller with a VAT number (BR-O-02) at finalization, texts the PDF cannot print at creation.
/// </summary>
public class ClientInvoiceReformRulesTests
{
    [Fact]
    public async Task Finalizing_services_outside_french_vat_from_a_seller_with_a_vat_number_is_a_422_naming_BR_O_02()
    {
        await using var server = await RunningServer.StartAsync("sqlite", o => o with { RunWorkers = false });
        var clientId = await Seeds.CreateClientAsync(server.Client);
        var body = Seeds.DraftBody(clientId, server.Demo.Account.Iban);
        body["items"]![0]!["vat_rate"] = "0";
        body["items"]![0]!["vat_exemption_reason"] = "S259B";
        var id = (await Seeds.CreateInvoiceAsync(server.Client, body)).GetProperty("id").GetString()!;

        var error = await ApiAssert.Error(await server.Client.PostAsync($"v2/client_invoices/{id}/finalize", null), HttpStatusCode.UnprocessableEntity,
            "invalid", "/items/0/vat_exemption_reason");

        var detail = error.GetProperty("detail").GetString()!;
        Assert.StartsWith("BR-O-02: ", detail, StringComparison.Ordinal);
        Assert.EndsWith("(/items/0/vat_exemption_reason)", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Creating_an_unpaid_invoice_mixing_category_O_with_taxed_lines_is_a_422_naming_BR_O_11()
    {
        await using var server = await RunningServer.StartAsync("sqlite", o => o with { RunWorkers = false });
        var clientId = await Seeds.CreateClientAsync(server.Client);
        var body = Seeds.DraftBody(clientId, server.Demo.Account.Iban, "unpaid");
        body["settings"] = new JsonObject { ["vat_number"] = null };
        body["items"]!.AsArray().Add(JsonNode.Parse("""{"title": "Conseil hors UE", "quantity": "1", "unit_price": {"value": "500", "currency": "EUR"}, "vat_rate": "0", "vat_exemption_reason": "S259B"}"""));

        var response = await server.Client.Post("v2/client_invoices", body);

        var error = await ApiAssert.Error(response, HttpStatusCode.UnprocessableEntity, "invalid");
        Assert.Contains("BR-O-", error.GetProperty("detail").GetString()!, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("مرحبا", "Arabic")]
    [InlineData("שלום", "Hebrew")]
    [InlineData("漢字", "CJK")]
    public async Task A_title_the_pdf_cannot_print_is_a_422_naming_the_script(string title, string script)
    {
        await using var server = await RunningServer.StartAsync("sqlite", o => o with { RunWorkers = false });
        var clientId = await Seeds.CreateClientAsync(server.Client);
        var body = Seeds.DraftBody(clientId, server.Demo.Account.Iban);
        body["items"]![0]!["title"] = title;

        var error = await ApiAssert.Error(await server.Client.Post("v2/client_invoices", body), HttpStatusCode.UnprocessableEntity,
            "unsupported_script", "/items/0/title");

        Assert.Contains(script, error.GetProperty("detail").GetString()!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_number_of_36_characters_is_a_422_naming_BR_FR_01()
    {
        await using var server = await RunningServer.StartAsync("sqlite", o => o with { RunWorkers = false });
        var clientId = await Seeds.CreateClientAsync(server.Client);
        var body = Seeds.DraftBody(clientId, server.Demo.Account.Iban);
        body["number"] = new string('7', 36);

        var error = await ApiAssert.Error(await server.Client.Post("v2/client_invoices", body), HttpStatusCode.UnprocessableEntity, "invalid", "/number");

        Assert.Contains("BR-FR-01", error.GetProperty("detail").GetString()!, StringComparison.Ordinal);
    }
}
