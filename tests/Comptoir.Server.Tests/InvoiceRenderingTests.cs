using System.Net;
using System.Text.Json.Nodes;
using Comptoir.Server.ClientInvoices;
using Comptoir.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Comptoir.Server.Tests;

/// <summary>
/// Writes render the stored JSON from the objects they have just built; later writes (the worker, state changes)
/// render from the stored snapshots. Both must give the same bytes, or an invoice would change by being re-read.
/// </summary>
public class InvoiceRenderingTests
{
    [Fact]
    public async Task The_rendering_a_write_stores_is_the_rendering_of_what_it_stored()
    {
        await using var server = await RunningServer.StartAsync("sqlite", o => o with { RunWorkers = false });
        var clientId = await Seeds.CreateClientAsync(server.Client);
        var store = server.App.Services.GetRequiredService<ClientInvoiceStore>();
        var organizationId = server.Demo.Organization.Id;
        var body = Seeds.DraftBody(clientId, server.Demo.Account.Iban);
        body["performance_start_date"] = "2026-03-01";
        body["performance_end_date"] = "2026-03-31";
        body["purchase_order"] = "PO-42";
        body["terms_and_conditions"] = "Paiement à 30 jours.";
        body["header"] = "Merci « cher client » !";
        body["settings"] = JsonNode.Parse("""{"discount_conditions": "Pas d’escompte.", "late_payment_penalties": "Trois fois le taux légal.", "legal_fixed_compensation": "40 €."}""");
        body["items"]!.AsArray().Add(JsonNode.Parse("""
            {"title": "Tables \"pliantes\"", "description": "Ligne 1\nLigne 2", "quantity": "1.5", "unit": "meter", "unit_price": {"value": "10.0", "currency": "EUR"},
             "vat_rate": "0.1", "discount": {"type": "percentage", "value": "0.1"}}
            """));
        body["items"]!.AsArray().Add(JsonNode.Parse("""{"title": "Formation", "quantity": "1", "unit_price": {"value": "500", "currency": "EUR"}, "vat_rate": "0", "vat_exemption_reason": "S261_4"}"""));

        var id = (await Seeds.CreateInvoiceAsync(server.Client, body)).GetProperty("id").GetString()!;
        await AssertStoredRenderingIsStable(store, organizationId, id);

        await ApiAssert.Json(await server.Client.Patch($"v2/client_invoices/{id}", new JsonObject { ["footer"] = "À bientôt." }), HttpStatusCode.OK);
        await AssertStoredRenderingIsStable(store, organizationId, id);

        await ApiAssert.Json(await server.Client.PostAsync($"v2/client_invoices/{id}/finalize", null), HttpStatusCode.OK);
        await AssertStoredRenderingIsStable(store, organizationId, id);
    }

    private static async Task AssertStoredRenderingIsStable(ClientInvoiceStore store, string organizationId, string id)
    {
        var row = await store.FindAsync(organizationId, id);
        Assert.NotNull(row);
        Assert.Equal(ClientInvoiceRendering.Render(row), row.Rendered);
    }
}
