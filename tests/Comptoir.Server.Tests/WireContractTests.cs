using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Comptoir.Core.Banking;
using Comptoir.Server.Http.Auth;
using Comptoir.Server.Labels;
using Comptoir.Server.Memberships;
using Comptoir.Server.Tests.Support;
using Comptoir.Server.Transactions;
using Microsoft.Extensions.DependencyInjection;

namespace Comptoir.Server.Tests;

/// <summary>
/// What real clients of the public API send and read (issue 16, items 5, 8 and 10): every reply is checked against
/// the resource's contract file (Contracts/*.json: keys, JSON types, nullability), on both engines.
/// </summary>
public sealed class WireContractTests
{
    [Fact]
    public void The_contract_checker_finds_a_wrong_type_a_missing_key_and_a_bad_nested_value()
    {
        var schema = ContractSchema.Load("label");
        Assert.Empty(ContractSchema.Check(schema, Parse("""{"id":"a","name":"b","parent_id":null}"""), "$"));
        Assert.Equal(["$.name is missing", "$.parent_id is number, expected string|null"],
            ContractSchema.Check(schema, Parse("""{"id":"a","parent_id":3}"""), "$").Order(StringComparer.Ordinal).ToList());
        var transaction = ContractSchema.Load("transaction");
        Assert.Contains("$.cashflow_category.name is missing", ContractSchema.Check(transaction.GetProperty("properties"), Parse("""{"cashflow_category":{}}"""), "$")
            .Concat(ContractSchema.Check(transaction.GetProperty("properties").GetProperty("cashflow_category"), Parse("{}"), "$.cashflow_category")));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task The_organizations_share_capital_is_a_json_number(string engine)
    {
        await using var server = await RunningServer.StartAsync(engine, o => o with { RunWorkers = false });

        var organization = (await ApiAssert.Json(await server.Client.GetAsync("v2/organization"), HttpStatusCode.OK)).GetProperty("organization");

        ContractSchema.AssertMatches("organization", organization);
        Assert.Equal("10000.00", organization.GetProperty("legal_share_capital").GetRawText());
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Labels_are_listed_and_read_one_by_one(string engine)
    {
        await using var server = await RunningServer.StartAsync(engine, o => o with { RunWorkers = false });
        var labels = server.App.Services.GetRequiredService<LabelStore>();
        var parent = await labels.AddAsync(server.Demo.Organization.Id, "Frais généraux", null);
        var child = await labels.AddAsync(server.Demo.Organization.Id, "Déplacements", parent.Id);
        var other = await Comptoir.Server.Organizations.DemoOrganization.CreateAsync(server.Organizations, "other-org", "Autre SAS");
        await labels.AddAsync(other.Organization.Id, "Not ours", null);

        var list = await ApiAssert.Json(await server.Client.GetAsync("v2/labels"), HttpStatusCode.OK);
        var one = (await ApiAssert.Json(await server.Client.GetAsync($"v2/labels/{child.Id}"), HttpStatusCode.OK)).GetProperty("label");

        Assert.Equal(["Déplacements", "Frais généraux"], list.GetProperty("labels").EnumerateArray().Select(l => l.GetProperty("name").GetString()));
        Assert.Equal(2, list.GetProperty("meta").GetProperty("total_count").GetInt32());
        foreach (var label in list.GetProperty("labels").EnumerateArray())
        {
            ContractSchema.AssertMatches("label", label);
        }

        ContractSchema.AssertMatches("label", one);
        Assert.Equal(parent.Id, one.GetProperty("parent_id").GetString());
        await ApiAssert.Error(await server.Client.GetAsync($"v2/labels/{Guid.NewGuid()}"), HttpStatusCode.NotFound);
        await Assert.ThrowsAsync<ArgumentException>(() => labels.AddAsync(server.Demo.Organization.Id, "Orphan", Guid.NewGuid().ToString()));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Each_credential_acts_as_its_membership(string engine)
    {
        await using var server = await RunningServer.StartAsync(engine, o => o with { RunWorkers = false });
        var memberships = server.App.Services.GetRequiredService<MembershipStore>();
        var accountant = await memberships.AddAsync(server.Demo.Organization.Id, "Claire", "Martin", "claire@example.fr", MembershipRoles.Accountant);
        var (_, token) = await server.Organizations.CreateAccessTokenAsync(server.Demo.Organization.Id, new HashSet<string> { Scopes.MembershipRead }, null, "claire", accountant.Id);
        using var claire = server.NewClient("Bearer " + token);

        var owner = (await ApiAssert.Json(await server.Client.GetAsync("v2/membership"), HttpStatusCode.OK)).GetProperty("membership");
        var own = (await ApiAssert.Json(await claire.GetAsync("v2/membership"), HttpStatusCode.OK)).GetProperty("membership");
        var list = await ApiAssert.Json(await server.Client.GetAsync("v2/memberships"), HttpStatusCode.OK);

        ContractSchema.AssertMatches("membership", owner);
        ContractSchema.AssertMatches("membership", own);
        Assert.Equal("owner", owner.GetProperty("role").GetString());
        Assert.Equal(accountant.Id, own.GetProperty("id").GetString());
        Assert.Equal("accountant", own.GetProperty("role").GetString());
        Assert.Equal(server.Demo.Organization.Id, own.GetProperty("team_id").GetString());
        Assert.Equal(2, list.GetProperty("memberships").GetArrayLength());
        await ApiAssert.Error(await claire.GetAsync("v2/memberships"), HttpStatusCode.Forbidden, "missing_scope");
        var other = await Comptoir.Server.Organizations.DemoOrganization.CreateAsync(server.Organizations, "other-org", "Autre SAS");
        await Assert.ThrowsAsync<ArgumentException>(() => server.Organizations.CreateApiKeyAsync(other.Organization.Id, "x", accountant.Id));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task A_beneficiary_is_created_untrusted_with_a_bic_and_found_by_part_of_its_name(string engine)
    {
        await using var server = await RunningServer.StartAsync(engine, o => o with { RunWorkers = false });
        // Same bank as the demo account (bank code 99999): the server knows its BIC.
        var sameBank = Iban.French("99999", "00001", "12345678901");
        var created = await ApiAssert.Json(await Post(server.Client, "v2/sepa/beneficiaries", new JsonObject
        {
            ["beneficiary"] = new JsonObject { ["name"] = "Société Générale d'Équipement", ["iban"] = sameBank, ["email"] = "compta@sge.fr" },
        }), HttpStatusCode.Created);
        var beneficiary = created.GetProperty("beneficiary");

        ContractSchema.AssertMatches("beneficiary", beneficiary);
        Assert.False(beneficiary.GetProperty("trusted").GetBoolean());
        Assert.Equal("CMPTFRPPXXX", beneficiary.GetProperty("bic").GetString());
        Assert.Equal("EUR", beneficiary.GetProperty("currency").GetString());

        await ApiAssert.Error(await Post(server.Client, "v2/sepa/beneficiaries", new JsonObject
        {
            ["beneficiary"] = new JsonObject { ["name"] = "Inconnu", ["iban"] = "DE89370400440532013000" },
        }), HttpStatusCode.UnprocessableEntity, "required", "/beneficiary/bic");
        await ApiAssert.Json(await Post(server.Client, "v2/sepa/beneficiaries", new JsonObject
        {
            ["beneficiary"] = new JsonObject { ["name"] = "Berliner GmbH", ["iban"] = "DE89370400440532013000", ["bic"] = "cobadeffxxx" },
        }), HttpStatusCode.Created);

        foreach (var search in new[] { "societe generale", "ÉQUIPEMENT", "générale d'é" })
        {
            var found = await ApiAssert.Json(await server.Client.GetAsync($"v2/sepa/beneficiaries?filter[name]={Uri.EscapeDataString(search)}"), HttpStatusCode.OK);
            Assert.Equal([beneficiary.GetProperty("id").GetString()], found.GetProperty("beneficiaries").EnumerateArray().Select(b => b.GetProperty("id").GetString()));
        }

        var german = await ApiAssert.Json(await server.Client.GetAsync("v2/sepa/beneficiaries?name=berliner"), HttpStatusCode.OK);
        Assert.Equal("COBADEFFXXX", german.GetProperty("beneficiaries")[0].GetProperty("bic").GetString());
        var none = await ApiAssert.Json(await server.Client.GetAsync("v2/sepa/beneficiaries?filter[name]=100%25"), HttpStatusCode.OK);
        Assert.Equal(0, none.GetProperty("beneficiaries").GetArrayLength());
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task A_beneficiary_is_renamed_trusted_and_untrusted_in_bulk(string engine)
    {
        await using var server = await RunningServer.StartAsync(engine, o => o with { RunWorkers = false });
        var first = await server.Beneficiaries().AddAsync(server.Demo.Organization.Id, "Durand", Payments.SupplierIban, "AGRIFRPP", trusted: false);
        var second = await server.Beneficiaries().AddAsync(server.Demo.Organization.Id, "Dupont", "DE89370400440532013000", "COBADEFF", trusted: false);

        var renamed = (await ApiAssert.Json(await server.Client.Patch($"v2/sepa/beneficiaries/{first.Id}", new JsonObject
        {
            ["beneficiary"] = new JsonObject { ["name"] = "Fournitures Durand SARL", ["activity_tag"] = "other_expense" },
        }), HttpStatusCode.OK)).GetProperty("beneficiary");
        ContractSchema.AssertMatches("beneficiary", renamed);
        Assert.Equal("Fournitures Durand SARL", renamed.GetProperty("name").GetString());
        Assert.Equal("other_expense", renamed.GetProperty("activity_tag").GetString());
        Assert.Equal(first.Iban, renamed.GetProperty("iban").GetString());

        var ids = new JsonObject { ["ids"] = new JsonArray(first.Id, second.Id) };
        var trusted = await ApiAssert.Json(await server.Client.Patch("v2/sepa/beneficiaries/trust", ids), HttpStatusCode.OK);
        Assert.All(trusted.GetProperty("beneficiaries").EnumerateArray(), b => Assert.True(b.GetProperty("trusted").GetBoolean()));
        Assert.True((await server.Beneficiaries().FindAsync(server.Demo.Organization.Id, second.Id))!.Trusted);

        await ApiAssert.Error(await server.Client.Patch("v2/sepa/beneficiaries/untrust", new JsonObject { ["ids"] = new JsonArray(first.Id, Guid.NewGuid().ToString()) }),
            HttpStatusCode.UnprocessableEntity, "not_found", "/ids");
        Assert.True((await server.Beneficiaries().FindAsync(server.Demo.Organization.Id, first.Id))!.Trusted);
        await ApiAssert.Json(await server.Client.Patch("v2/sepa/beneficiaries/untrust", new JsonObject { ["ids"] = new JsonArray(first.Id) }), HttpStatusCode.OK);
        Assert.False((await server.Beneficiaries().FindAsync(server.Demo.Organization.Id, first.Id))!.Trusted);
        await ApiAssert.Error(await server.Client.Patch("v2/sepa/beneficiaries/trust", new JsonObject { ["ids"] = new JsonArray() }), HttpStatusCode.UnprocessableEntity, "invalid", "/ids");

        var (_, payer) = await server.Organizations.CreateAccessTokenAsync(server.Demo.Organization.Id, new HashSet<string> { Scopes.PaymentWrite }, null, "payer");
        using var payments = server.NewClient("Bearer " + payer);
        await ApiAssert.Error(await payments.Patch("v2/sepa/beneficiaries/trust", ids), HttpStatusCode.Forbidden, "missing_scope");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Transactions_carry_labels_a_note_the_counterparty_and_a_cashflow_category(string engine)
    {
        await using var server = await RunningServer.StartAsync(engine, o => o with { RunWorkers = false });
        var account = server.Demo.Account.Id;
        var label = await server.App.Services.GetRequiredService<LabelStore>().AddAsync(server.Demo.Organization.Id, "Ventes", null);
        var clientId = await Seeds.CreateClientAsync(server.Client);
        await Seeds.CreateInvoiceAsync(server.Client, Seeds.DraftBody(clientId, server.Demo.Account.Iban, status: "unpaid"));
        var paying = await server.App.Services.GetRequiredService<IncomingPayments>().CreditAsync(server.Demo.Account.Iban, 180_000, "Acme Corp", "Virement facture F-2026-000001");
        server.Clock.Advance(TimeSpan.FromMinutes(5));
        var beneficiary = await server.Beneficiaries().AddAsync(server.Demo.Organization.Id, "Durand", Payments.SupplierIban, "AGRIFRPP", trusted: true);
        var token = await server.TokenAsync(Payments.SupplierIban, "Durand");
        var transfer = (await ApiAssert.Json(await server.Client.PostTransferAsync(Payments.TransferBody(token, account, beneficiary.Id, "12.34")), HttpStatusCode.Created)).GetProperty("transfer");
        var me = (await ApiAssert.Json(await server.Client.GetAsync("v2/membership"), HttpStatusCode.OK)).GetProperty("membership");
        Assert.Equal(me.GetProperty("id").GetString(), transfer.GetProperty("initiator_id").GetString());

        var patched = (await ApiAssert.Json(await server.Client.Patch($"v2/transactions/{paying.Transaction.Id}", new JsonObject
        {
            ["transaction"] = new JsonObject { ["label_ids"] = new JsonArray(label.Id), ["note"] = "Acompte" },
        }), HttpStatusCode.OK)).GetProperty("transaction");
        Assert.Equal([label.Id], patched.GetProperty("label_ids").EnumerateArray().Select(l => l.GetString()));
        Assert.Equal("Acompte", patched.GetProperty("note").GetString());
        await ApiAssert.Error(await server.Client.Patch($"v2/transactions/{paying.Transaction.Id}", new JsonObject { ["label_ids"] = new JsonArray(Guid.NewGuid().ToString()) }),
            HttpStatusCode.UnprocessableEntity, "not_found", "/label_ids");

        var list = await ApiAssert.Json(await server.Client.GetAsync($"v2/transactions?bank_account_id={account}&status[]=pending&status[]=completed&includes[]=labels&includes[]=vat_details&sort_by=created_at:asc"), HttpStatusCode.OK);
        var transactions = list.GetProperty("transactions").EnumerateArray().ToList();
        Assert.Equal(3, transactions.Count);
        Assert.All(transactions, t => ContractSchema.AssertMatches("transaction", t));
        Assert.All(transactions, t => Assert.Equal(0, t.GetProperty("vat_details").GetProperty("items").GetArrayLength()));

        var credit = transactions.Single(t => t.GetProperty("id").GetString() == paying.Transaction.Id);
        Assert.Equal("Ventes", credit.GetProperty("labels")[0].GetProperty("name").GetString());
        Assert.Equal("sales", credit.GetProperty("cashflow_category").GetProperty("name").GetString());
        var opening = transactions[0];
        Assert.Equal(JsonValueKind.Null, opening.GetProperty("cashflow_category").ValueKind);
        Assert.Equal(0, opening.GetProperty("labels").GetArrayLength());

        var debit = transactions.Single(t => t.GetProperty("side").GetString() == "debit").GetProperty("transfer");
        Assert.Equal("Durand", debit.GetProperty("counterparty_name").GetString());
        Assert.Equal("AGRIFRPP", debit.GetProperty("counterparty_bic").GetString());
        Assert.Equal(Payments.SupplierIban, debit.GetProperty("counterparty_iban").GetString());
        Assert.Equal(Payments.SupplierIban, debit.GetProperty("counterparty_account_number").GetString());

        var plain = await ApiAssert.Json(await server.Client.GetAsync($"v2/transactions?bank_account_id={account}"), HttpStatusCode.OK);
        Assert.False(plain.GetProperty("transactions")[0].TryGetProperty("labels", out _));
        Assert.False(plain.GetProperty("transactions")[0].TryGetProperty("vat_details", out _));

        var recent = await ApiAssert.Json(await server.Client.GetAsync($"v2/transactions?bank_account_id={account}&status[]=pending&created_at_from={Uri.EscapeDataString(server.Clock.GetUtcNow().AddMinutes(-1).ToString("O"))}"), HttpStatusCode.OK);
        Assert.Equal(["debit"], recent.GetProperty("transactions").EnumerateArray().Select(t => t.GetProperty("side").GetString()));
        var one = (await ApiAssert.Json(await server.Client.GetAsync($"v2/transactions/{paying.Transaction.Id}?includes[]=labels"), HttpStatusCode.OK)).GetProperty("transaction");
        Assert.Equal(label.Id, one.GetProperty("labels")[0].GetProperty("id").GetString());
    }

    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement.Clone();

    private static Task<HttpResponseMessage> Post(HttpClient client, string path, JsonNode body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = Body.Json(body) };
        request.Headers.Add("X-Qonto-Idempotency-Key", Guid.NewGuid().ToString());
        return client.SendAsync(request);
    }
}

/// <summary>Migration 0006 on a database an older release left: its credentials act as an owner membership it creates.</summary>
public sealed class MembershipMigrationTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Existing_credentials_get_their_organizations_new_owner_membership(string engine)
    {
        var connection = TestDatabases.NewConnectionString(engine);
        await using var database = engine == "postgres" ? Comptoir.Server.Storage.Database.Postgres(connection) : Comptoir.Server.Storage.Database.Sqlite(connection);
        await Comptoir.Server.Storage.Migrator.MigrateAsync(database, TimeProvider.System, throughVersion: 5);
        await database.WriteAsync((c, t) => Dapper.SqlMapper.ExecuteAsync(c,
            "INSERT INTO organizations (id, slug, legal_name, legal_country, locale, invoice_number_pattern, automatic_numbering, created_at, updated_at) VALUES ('o1', 'old-org', 'Ancienne SARL', 'FR', 'fr', 'F-{SEQ:4}', @yes, '2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z');" +
            "INSERT INTO api_keys (id, organization_id, secret_hash, created_at) VALUES ('k1', 'o1', 'h1', '2025-01-01T00:00:00.000Z');" +
            "INSERT INTO access_tokens (id, organization_id, token_hash, scopes, created_at) VALUES ('t1', 'o1', 'h2', 'organization.read', '2025-01-01T00:00:00.000Z');" +
            "INSERT INTO beneficiaries (id, organization_id, name, iban, status, trusted, created_at, updated_at) VALUES ('b1', 'o1', 'Éditions Bérénice', 'FR7630006000011234567890189', 'validated', @yes, '2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z')",
            new { yes = true }, t), CancellationToken.None);

        await Comptoir.Server.Storage.Migrator.MigrateAsync(database, TimeProvider.System);

        var owner = await database.ReadAsync(c => Dapper.SqlMapper.QuerySingleAsync<(string Id, string Role, string LastName)>(c, "SELECT id, role, last_name FROM memberships WHERE organization_id = 'o1'"));
        Assert.Equal(("owner", "Ancienne SARL"), (owner.Role, owner.LastName));
        Assert.Equal(36, owner.Id.Length);
        Assert.Equal([owner.Id, owner.Id], await database.ReadAsync(async c => (await Dapper.SqlMapper.QueryAsync<string>(c,
            "SELECT membership_id FROM api_keys UNION ALL SELECT membership_id FROM access_tokens")).ToList()));
        var beneficiary = await database.ReadAsync(c => Dapper.SqlMapper.QuerySingleAsync<(string SearchName, string Bic)>(c, "SELECT search_name, bic FROM beneficiaries"));
        Assert.Equal(("editions berenice", "NOTPROVIDED"), beneficiary);
    }
}
