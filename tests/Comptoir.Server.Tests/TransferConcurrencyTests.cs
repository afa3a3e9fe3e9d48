using System.Net;
using Comptoir.Server.Tests.Support;

namespace Comptoir.Server.Tests;

/// <summary>Money under concurrency, with two server instances on one database.</summary>
public class TransferConcurrencyTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Fifty_requests_with_one_key_create_one_transfer_and_debit_once(string engine)
    {
        await using var server = await RunningServer.StartAsync(engine);
        await using var second = await server.StartSecondInstanceAsync();
        var beneficiary = await server.Beneficiaries().AddAsync(server.Demo.Organization.Id, "Durand", Payments.SupplierIban, null, trusted: true);
        var body = Payments.TransferBody(await server.TokenAsync(Payments.SupplierIban, "Durand"), server.Demo.Account.Id, beneficiary.Id, "1000.00");
        var key = Guid.NewGuid().ToString();

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => (i % 2 == 0 ? server.Client : second.Client).PostTransferAsync(body, key)));

        Assert.All(responses, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.Conflict }));
        var ids = new HashSet<string>();
        foreach (var response in responses.Where(r => r.StatusCode == HttpStatusCode.Created))
        {
            ids.Add((await ApiAssert.Json(response, HttpStatusCode.Created)).GetProperty("transfer").GetProperty("id").GetString()!);
        }

        Assert.Single(ids);
        var (balance, authorized) = await server.BalancesAsync(server.Demo.Account.Id);
        Assert.Equal(25_000_000 - 100_000, authorized);
        Assert.Equal(25_000_000, balance);
        await server.AssertLedgerAsync(server.Demo.Account.Id);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Fifty_different_transfers_beyond_the_balance_never_overdraw(string engine)
    {
        await using var server = await RunningServer.StartAsync(engine);
        await using var second = await server.StartSecondInstanceAsync();
        var beneficiary = await server.Beneficiaries().AddAsync(server.Demo.Organization.Id, "Durand", Payments.SupplierIban, null, trusted: true);
        var token = await server.TokenAsync(Payments.SupplierIban, "Durand");
        // 50 x 9,000.00 = 450,000.00 against a 250,000.00 balance: exactly 27 fit.
        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(i =>
            (i % 2 == 0 ? server.Client : second.Client).PostTransferAsync(Payments.TransferBody(token, server.Demo.Account.Id, beneficiary.Id, "9000.00", $"batch {i}"))));

        Assert.Equal(27, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(23, responses.Count(r => r.StatusCode == HttpStatusCode.UnprocessableEntity));
        var (_, authorized) = await server.BalancesAsync(server.Demo.Account.Id);
        Assert.Equal(25_000_000 - (27 * 900_000), authorized);
        Assert.True(authorized >= 0);
        await server.AssertLedgerAsync(server.Demo.Account.Id);
    }
}
