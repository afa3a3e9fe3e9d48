using Comptoir.Client.Models;
using Comptoir.Server.Labels;
using Comptoir.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Comptoir.Client.Tests;

/// <summary>The SDK's labels, memberships, beneficiary writes and transaction updates against the real server.</summary>
public class PeopleAndBeneficiaryWritesTests
{
    private static ComptoirClient SdkFor(RunningServer server) =>
        new(new HttpClient(), new ComptoirClientOptions { BaseUrl = new Uri(server.BaseAddress, "v2/"), Authorization = server.Demo.Authorization, InitialBackoff = TimeSpan.FromMilliseconds(10) });

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Labels_memberships_beneficiaries_and_transaction_labels_through_the_sdk(string engine)
    {
        await using var server = await RunningServer.StartAsync(engine, o => o with { RunWorkers = false });
        var sdk = SdkFor(server);
        var label = await server.App.Services.GetRequiredService<LabelStore>().AddAsync(server.Demo.Organization.Id, "Loyer", null);

        var labels = await sdk.Labels.ListAsync().ToListAsync();
        Assert.Equal([new Label(label.Id, "Loyer", null)], labels);
        Assert.Equal("Loyer", (await sdk.Labels.GetAsync(label.Id)).Name);
        var me = await sdk.Memberships.GetCurrentAsync();
        Assert.Equal("owner", me.Role);
        Assert.Equal([me.Id], (await sdk.Memberships.ListAsync().ToListAsync()).Select(m => m.Id));

        var created = await sdk.Beneficiaries.CreateAsync(new NewBeneficiary("Fournitures Durand", "FR7630006000011234567890189", "AGRIFRPP"));
        Assert.False(created.Trusted);
        Assert.Equal("EUR", created.Currency);
        var renamed = await sdk.Beneficiaries.UpdateAsync(created.Id, new BeneficiaryChanges(Name: "Fournitures Durand SARL"));
        Assert.Equal("Fournitures Durand SARL", renamed.Name);
        Assert.True(Assert.Single(await sdk.Beneficiaries.TrustAsync([created.Id])).Trusted);
        Assert.False(Assert.Single(await sdk.Beneficiaries.UntrustAsync([created.Id])).Trusted);
        Assert.Equal(created.Id, Assert.Single(await sdk.Beneficiaries.FindByNameAsync("durand sarl").ToListAsync()).Id);
        var error = await Assert.ThrowsAsync<ComptoirApiException>(() => sdk.Beneficiaries.CreateAsync(new NewBeneficiary("Inconnu", "DE89370400440532013000")));
        Assert.Equal(422, (int)error.StatusCode);

        var opening = Assert.Single(await sdk.Transactions.ListUpdatedAsync(server.Demo.Account.Id, server.Clock.GetUtcNow().AddDays(-1), server.Clock.GetUtcNow().AddDays(1)).ToListAsync());
        var updated = await sdk.Transactions.UpdateAsync(opening.Id, new TransactionChanges([label.Id], "Solde initial"));
        Assert.Equal([label.Id], updated.LabelIds);
        Assert.Equal("Solde initial", updated.Note);
    }
}
