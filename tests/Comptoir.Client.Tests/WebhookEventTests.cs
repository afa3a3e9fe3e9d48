using System.Text;
using System.Text.Json;
using Comptoir.Client.AspNetCore;
using Comptoir.Client.Models;

namespace Comptoir.Client.Tests;

/// <summary>WebhookEvent.Parse and VerifyAndParse, and the signature rule they apply, on bodies shaped as the server sends them.</summary>
public sealed class WebhookEventTests
{
    private const string Secret = "whsec_0123456789abcdef0123456789abcdef";
    private static readonly DateTimeOffset Now = new(2026, 3, 19, 20, 30, 0, TimeSpan.Zero);
    private static readonly FixedClock Clock = new(Now);

    private static string Body(string type, string data) =>
        $$"""{"id":"evt-1","subscription_id":"sub-1","organization_id":"org-1","membership_id":"mem-1","type":"{{type}}","created_at":"2026-03-19T20:29:58.123Z","data":{{data}}}""";

    private const string ClientData =
        """{"event":"created","id":"cli-1","name":"Acme Corp","first_name":null,"last_name":null,"kind":"company","email":"contact@acmecorp.com","vat_number":null,"tax_identification_number":"123456789","currency":"EUR","locale":"en","billing_address":{"street_address":"1 Market Street","city":"Paris","zip_code":"75001","country_code":"FR"},"e_invoicing_address":null,"created_at":"2026-03-19T20:29:58.123Z","updated_at":"2026-03-19T20:29:58.123Z"}""";

    private static string Signed(string body, DateTimeOffset at, string secret = Secret) => WebhookSignature.Sign(secret, at, Encoding.UTF8.GetBytes(body));

    [Fact]
    public void The_public_test_vector_holds()
    {
        Assert.Equal("56aff06dc227db80d6568a5070f912c601c31f20451745d257cbc0b5dfa93805", WebhookSignature.Compute("test-secret", "1704110400", """{"test":"data"}"""));
        Assert.Equal(WebhookSignatureCheck.Valid, WebhookSignature.Check(
            "t=1704110400,v1=56aff06dc227db80d6568a5070f912c601c31f20451745d257cbc0b5dfa93805", """{"test":"data"}""", "test-secret", DateTimeOffset.FromUnixTimeSeconds(1704110400)));
    }

    [Fact]
    public void A_signed_event_is_read_with_its_resource_typed()
    {
        var body = Body(WebhookEventTypes.Clients, ClientData);

        var hook = WebhookEvent.VerifyAndParse(body, Signed(body, Now), Secret, Clock);

        Assert.Equal(("evt-1", "sub-1", "org-1", "mem-1", "v1/clients", "created"), (hook.Id, hook.SubscriptionId, hook.OrganizationId, hook.MembershipId, hook.Type, hook.Event));
        Assert.Equal(new DateTimeOffset(2026, 3, 19, 20, 29, 58, 123, TimeSpan.Zero), hook.CreatedAt);
        var client = Assert.IsType<Models.Client>(hook.Resource);
        Assert.Equal(("cli-1", "Acme Corp", "Paris"), (client.Id, client.Name, client.BillingAddress!.City));
        Assert.Equal("created", hook.Data.GetProperty("event").GetString());
        Assert.False(hook.IsTest);
    }

    [Theory]
    [InlineData(299, WebhookSignatureCheck.Valid)]
    [InlineData(-299, WebhookSignatureCheck.Valid)]
    [InlineData(301, WebhookSignatureCheck.OutsideTolerance)]
    [InlineData(-301, WebhookSignatureCheck.OutsideTolerance)]
    public void The_timestamp_must_be_within_5_minutes_either_way(int secondsAgo, WebhookSignatureCheck expected)
    {
        var body = Body(WebhookEventTypes.Clients, ClientData);
        var header = Signed(body, Now - TimeSpan.FromSeconds(secondsAgo));

        Assert.Equal(expected, WebhookSignature.Check(header, body, Secret, Now));
        if (expected != WebhookSignatureCheck.Valid)
        {
            Assert.Equal(expected, Assert.Throws<WebhookSignatureException>(() => WebhookEvent.VerifyAndParse(body, header, Secret, Clock)).Reason);
        }

        // A wider tolerance accepts what the default refuses.
        Assert.Equal(WebhookSignatureCheck.Valid, WebhookSignature.Check(header, body, Secret, Now, TimeSpan.FromMinutes(10)));
    }

    [Fact]
    public void A_tampered_body_or_a_wrong_secret_does_not_verify()
    {
        var body = Body(WebhookEventTypes.Clients, ClientData);
        var header = Signed(body, Now);

        var tampered = body.Replace("Acme Corp", "Acme Corq", StringComparison.Ordinal);
        Assert.Equal(WebhookSignatureCheck.Mismatch, Assert.Throws<WebhookSignatureException>(() => WebhookEvent.VerifyAndParse(tampered, header, Secret, Clock)).Reason);
        Assert.Equal(WebhookSignatureCheck.Mismatch, Assert.Throws<WebhookSignatureException>(() => WebhookEvent.VerifyAndParse(body, header, Secret + "x", Clock)).Reason);
        // The timestamp is signed too: moving it breaks the signature.
        var moved = header.Replace($"t={Now.ToUnixTimeSeconds()}", $"t={Now.ToUnixTimeSeconds() + 1}", StringComparison.Ordinal);
        Assert.Equal(WebhookSignatureCheck.Mismatch, WebhookSignature.Check(moved, body, Secret, Now));
    }

    [Fact]
    public void Any_one_of_several_v1_signatures_is_enough_and_none_matching_is_refused()
    {
        var body = Body(WebhookEventTypes.Clients, ClientData);
        var t = Now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var good = WebhookSignature.Compute(Secret, t, body);
        var other = WebhookSignature.Compute("whsec_the_previous_secret_before_rotation", t, body);

        Assert.Equal(WebhookSignatureCheck.Valid, WebhookSignature.Check($"t={t},v1={other},v1={good}", body, Secret, Now));
        Assert.Equal(WebhookSignatureCheck.Valid, WebhookSignature.Check($"t={t}, v1={good.ToUpperInvariant()}, v1={other}", body, Secret, Now));
        Assert.Equal(WebhookSignatureCheck.Mismatch, WebhookSignature.Check($"t={t},v1={other},v1={other[..^2]}", body, Secret, Now));
    }

    [Theory]
    [InlineData(null, WebhookSignatureCheck.Missing)]
    [InlineData("", WebhookSignatureCheck.Missing)]
    [InlineData("v1=abcdef", WebhookSignatureCheck.Malformed)]
    [InlineData("t=1774038600", WebhookSignatureCheck.Malformed)]
    [InlineData("t=soon,v1=abcdef", WebhookSignatureCheck.Malformed)]
    [InlineData("t=99999999999999999,v1=abcdef", WebhookSignatureCheck.Malformed)]
    [InlineData("t=1774038600,v0=abcdef", WebhookSignatureCheck.Malformed)]
    public void A_missing_or_malformed_header_is_refused(string? header, WebhookSignatureCheck expected)
    {
        var body = Body(WebhookEventTypes.Clients, ClientData);
        Assert.Equal(expected, Assert.Throws<WebhookSignatureException>(() => WebhookEvent.VerifyAndParse(body, header, Secret, Clock)).Reason);
    }

    [Fact]
    public void An_unknown_type_keeps_its_raw_data_and_a_test_event_has_no_resource()
    {
        var unknown = WebhookEvent.Parse(Body("v1/cards", """{"event":"updated","id":"card-1","last_digits":"4242"}"""));
        var raw = Assert.IsType<JsonElement>(unknown.Resource);
        Assert.Equal("4242", raw.GetProperty("last_digits").GetString());
        Assert.Equal("updated", unknown.Event);

        var test = WebhookEvent.Parse(Body(WebhookEventTypes.Transactions, """{"event":"test"}"""));
        Assert.True(test.IsTest);
        Assert.Null(test.Resource);
    }

    [Fact]
    public void Each_known_type_reads_into_its_model()
    {
        var transaction = WebhookEvent.Parse(Body(WebhookEventTypes.Transactions,
            """{"event":"created","id":"tx-1","transaction_id":"comptoir-1","amount":1800.5,"amount_cents":180050,"side":"credit","operation_type":"income","currency":"EUR","label":"Acme Corp","settled_at":null,"emitted_at":"2026-03-19T20:29:58.123Z","updated_at":"2026-03-19T20:29:58.123Z","status":"pending","reference":"F-1","bank_account_id":"acc-1","attachment_ids":[],"transfer":null}"""));
        Assert.Equal(1800.5m, Assert.IsType<Transaction>(transaction.Resource).Amount);

        var transfer = WebhookEvent.Parse(Body(WebhookEventTypes.Transfers,
            """{"event":"updated","id":"tr-1","bank_account_id":"acc-1","beneficiary_id":"ben-1","amount":12.5,"amount_cents":1250,"amount_currency":"EUR","status":"settled","reference":"Invoice 42","note":null,"scheduled_date":"2026-03-19","created_at":"x","updated_at":"y","processed_at":null,"completed_at":null,"transaction_id":"tx-2","declined_reason":null}"""));
        Assert.Equal("settled", Assert.IsType<Transfer>(transfer.Resource).Status);

        var account = WebhookEvent.Parse(Body(WebhookEventTypes.Accounts,
            """{"event":"updated","id":"acc-1","organization_id":"org-1","slug":"main","name":"Main","iban":"FR76","bic":"QNTOFRP1","currency":"EUR","balance":10.25,"balance_cents":1025,"authorized_balance":10.25,"authorized_balance_cents":1025,"status":"active","main":true,"updated_at":"x"}"""));
        Assert.Equal(1025, Assert.IsType<BankAccount>(account.Resource).BalanceCents);

        var supplierInvoice = WebhookEvent.Parse(Body(WebhookEventTypes.SupplierInvoices,
            """{"event":"created","id":"si-1","status":"to_review","file_name":"invoice.pdf","is_einvoice":false,"is_credit_note":false,"has_duplicates":false,"has_discrepancies":false}"""));
        Assert.Equal("invoice.pdf", Assert.IsType<SupplierInvoice>(supplierInvoice.Resource).FileName);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1, 2]")]
    [InlineData("""{"id":"evt-1","subscription_id":"s","organization_id":"o","type":"v1/clients","created_at":"2026-03-19T20:29:58Z"}""")]
    [InlineData("""{"id":"evt-1","subscription_id":"s","organization_id":"o","type":"v1/clients","created_at":"yesterday","data":{"event":"created"}}""")]
    [InlineData("""{"subscription_id":"s","organization_id":"o","type":"v1/clients","created_at":"2026-03-19T20:29:58Z","data":{"event":"created"}}""")]
    [InlineData("""{"id":"evt-1","subscription_id":"s","organization_id":"o","type":"v1/transactions","created_at":"2026-03-19T20:29:58Z","data":{"event":"created","amount":"lots"}}""")]
    public void A_body_that_is_not_an_event_is_a_payload_error_even_when_signed(string body)
    {
        Assert.Throws<WebhookPayloadException>(() => WebhookEvent.VerifyAndParse(body, Signed(body, Now), Secret, Clock));
    }

    [Fact]
    public async Task The_in_memory_deduplicator_remembers_handled_events_up_to_its_capacity_and_forgets_failed_ones()
    {
        var deduplicator = new InMemoryWebhookEventDeduplicator(capacity: 2);
        Assert.Equal(WebhookEventClaim.Claimed, await deduplicator.TryClaimAsync("a", default));
        Assert.Equal(WebhookEventClaim.InProgress, await deduplicator.TryClaimAsync("a", default));
        await deduplicator.CompleteAsync("a", default);
        Assert.Equal(WebhookEventClaim.AlreadyHandled, await deduplicator.TryClaimAsync("a", default));

        Assert.Equal(WebhookEventClaim.Claimed, await deduplicator.TryClaimAsync("b", default));
        await deduplicator.ReleaseAsync("b", default);
        Assert.Equal(WebhookEventClaim.Claimed, await deduplicator.TryClaimAsync("b", default));
        await deduplicator.CompleteAsync("b", default);
        await deduplicator.TryClaimAsync("c", default);
        await deduplicator.CompleteAsync("c", default);

        // Capacity 2: "a", the oldest, is forgotten.
        Assert.Equal(WebhookEventClaim.Claimed, await deduplicator.TryClaimAsync("a", default));
        Assert.Equal(WebhookEventClaim.AlreadyHandled, await deduplicator.TryClaimAsync("c", default));
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
