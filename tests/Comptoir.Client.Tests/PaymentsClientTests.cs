using Comptoir.Client.Models;
using Comptoir.Server.Beneficiaries;
using Comptoir.Server.Organizations;
using Comptoir.Server.Payees;
using Comptoir.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Comptoir.Client.Tests;

/// <summary>The SDK's payment calls against a real server: bulk verification, SCA polling, transfers and internal transfers.</summary>
public class PaymentsClientTests
{
    private const string SupplierIban = "FR7630006000011234567890189";

    private static ComptoirClient SdkFor(RunningServer server, string? stagingToken = null) =>
        new(new HttpClient(), new ComptoirClientOptions
        {
            BaseUrl = new Uri(server.BaseAddress, "v2/"),
            Authorization = server.Demo.Authorization,
            StagingToken = stagingToken,
            InitialBackoff = TimeSpan.FromMilliseconds(10),
        });

    [Fact]
    public async Task Bulk_verification_then_a_transfer_read_back_and_canceled()
    {
        await using var server = await RunningServer.StartAsync("sqlite");
        var beneficiary = await server.App.Services.GetRequiredService<BeneficiaryStore>().AddAsync(server.Demo.Organization.Id, "Fournitures Durand", SupplierIban, null, trusted: true);
        await server.App.Services.GetRequiredService<PayeeDirectory>().AddExternalAsync(SupplierIban, "FOURNITURES DURAND SARL");
        var sdk = SdkFor(server);

        var bulk = await sdk.PayeeVerification.VerifyManyAsync([new PayeeToVerify(SupplierIban, "Fournitures Durand", "a"), new PayeeToVerify("FR76 bad", "X")]);
        Assert.Equal("MATCH_RESULT_MATCH", bulk.Requests[0].Response!.MatchResult);
        Assert.Equal("INVALID_IBAN", bulk.Requests[1].ErrorCode);
        Assert.Equal("1", bulk.Requests[1].Id);

        var transfer = await sdk.Transfers.CreateAsync(bulk.ProofToken.Token, new NewTransfer { BeneficiaryId = beneficiary.Id, BankAccountId = server.Demo.Account.Id, Reference = "F-1", Amount = "1100.50" }, Guid.NewGuid().ToString());
        Assert.Equal(1100.50m, transfer.Amount);
        Assert.NotNull(transfer.InitiatorId);
        Assert.Equal(transfer.InitiatorId, (await sdk.Transfers.GetAsync(transfer.Id)).InitiatorId);

        await sdk.Transfers.CancelAsync(transfer.Id);
        Assert.Equal("canceled", (await sdk.Transfers.GetAsync(transfer.Id)).Status);

        var skipped = await sdk.PayeeVerification.SkipAsync([new PayeeToVerify(SupplierIban, "Fournitures Durand")]);
        Assert.Equal("pending", (await sdk.Transfers.CreateAsync(skipped.Token, new NewTransfer { BeneficiaryId = beneficiary.Id, BankAccountId = server.Demo.Account.Id, Reference = "F-2", Amount = "1.00" }, Guid.NewGuid().ToString())).Status);
    }

    [Fact]
    public async Task An_sca_session_is_polled_until_allowed_then_the_transfer_goes_through()
    {
        await using var server = await RunningServer.StartAsync("sqlite", o => o with { StagingToken = "stg" });
        var beneficiary = await server.App.Services.GetRequiredService<BeneficiaryStore>().AddAsync(server.Demo.Organization.Id, "Nouveau", SupplierIban, null, trusted: false);
        var sdk = SdkFor(server, "stg");
        var token = (await sdk.PayeeVerification.VerifyAsync(SupplierIban, "Nouveau")).ProofToken.Token;
        var order = new NewTransfer { BeneficiaryId = beneficiary.Id, BankAccountId = server.Demo.Account.Id, Reference = "F-3", Amount = "42.00" };
        var key = Guid.NewGuid().ToString();

        var challenge = await Assert.ThrowsAsync<ComptoirApiException>(() => sdk.Transfers.CreateAsync(token, order, key));
        var session = challenge.Fields["sca_session_token"];
        Assert.Equal("waiting", (await sdk.ScaSessions.GetAsync(session)).Result);

        var waiting = sdk.ScaSessions.WaitAsync(session, TimeSpan.FromMilliseconds(50));
        await Task.Delay(200);
        Assert.False(waiting.IsCompleted);
        Assert.True(await server.App.Services.GetRequiredService<Comptoir.Server.Transfers.ScaSessions>().DecideAsync(session, approve: true));
        Assert.Equal("allow", (await waiting.WaitAsync(TimeSpan.FromSeconds(10))).Result);
        Assert.Equal("pending", (await sdk.Transfers.CreateAsync(token, order, key, session)).Status);
    }

    [Fact]
    public async Task An_internal_transfer_through_the_sdk_is_made_once_per_key()
    {
        await using var server = await RunningServer.StartAsync("sqlite");
        var savings = await server.Organizations.AddAccountAsync(new BankAccountRow { OrganizationId = server.Demo.Organization.Id, Name = "Épargne", Iban = SupplierIban, Bic = "AGRIFRPP" });
        var sdk = SdkFor(server);
        var key = Guid.NewGuid().ToString();

        var first = await sdk.InternalTransfers.CreateAsync(new NewInternalTransfer(server.Demo.Account.Iban, savings.Iban, "250.00", "Réserve"), key);
        var again = await sdk.InternalTransfers.CreateAsync(new NewInternalTransfer(server.Demo.Account.Iban, savings.Iban, "250.00", "Réserve"), key);

        Assert.Equal(first.Id, again.Id);
        Assert.Equal(250.00m, first.Amount);
        Assert.Equal(25_000, (await sdk.Organization.GetAsync()).BankAccounts.Single(a => a.Id == savings.Id).BalanceCents);
    }

    [Fact]
    public async Task A_receipt_is_uploaded_onto_a_transaction_and_removed_from_it()
    {
        await using var server = await RunningServer.StartAsync("sqlite");
        var sdk = SdkFor(server);
        var transaction = await sdk.Transactions.ListUpdatedAsync(server.Demo.Account.Id, DateTimeOffset.UnixEpoch, DateTimeOffset.UtcNow.AddYears(10)).FirstAsync();
        var path = Path.Combine(Path.GetTempPath(), $"receipt-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(path, "%PDF-1.7 receipt"u8.ToArray());
        try
        {
            var key = Guid.NewGuid().ToString();
            var id = await sdk.Transactions.UploadAttachmentAsync(transaction.Id, path, key);
            Assert.Equal(id, await sdk.Transactions.UploadAttachmentAsync(transaction.Id, path, key));
            Assert.Equal([id], (await sdk.Transactions.GetAsync(transaction.Id)).AttachmentIds);

            await sdk.Transactions.RemoveAttachmentsAsync(transaction.Id, id);
            Assert.Empty((await sdk.Transactions.GetAsync(transaction.Id)).AttachmentIds);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
