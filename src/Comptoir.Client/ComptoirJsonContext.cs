using System.Text.Json.Serialization;
using Comptoir.Client.Models;

namespace Comptoir.Client;

/// <summary>Source-generated JSON (snake_case, nulls omitted on requests): no reflection, trim- and AOT-safe.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Envelopes.OrganizationEnvelope))]
[JsonSerializable(typeof(Envelopes.BankAccountsPage))]
[JsonSerializable(typeof(Envelopes.ClientEnvelope))]
[JsonSerializable(typeof(Envelopes.ClientsPage))]
[JsonSerializable(typeof(Envelopes.ClientInvoiceEnvelope))]
[JsonSerializable(typeof(Envelopes.ClientInvoicesPage))]
[JsonSerializable(typeof(Envelopes.AttachmentEnvelope))]
[JsonSerializable(typeof(Envelopes.AttachmentIdEnvelope))]
[JsonSerializable(typeof(Envelopes.BeneficiaryEnvelope))]
[JsonSerializable(typeof(Envelopes.BeneficiariesPage))]
[JsonSerializable(typeof(Envelopes.TransferEnvelope))]
[JsonSerializable(typeof(Envelopes.TransfersPage))]
[JsonSerializable(typeof(Envelopes.TransactionEnvelope))]
[JsonSerializable(typeof(Envelopes.TransactionsPage))]
[JsonSerializable(typeof(Envelopes.TransferRequest))]
[JsonSerializable(typeof(Envelopes.VerifyPayeeRequest))]
[JsonSerializable(typeof(PayeeVerification))]
[JsonSerializable(typeof(BulkPayeeVerification))]
[JsonSerializable(typeof(Envelopes.BulkVerifyRequest))]
[JsonSerializable(typeof(Envelopes.ProofTokenEnvelope))]
[JsonSerializable(typeof(ScaSession))]
[JsonSerializable(typeof(Envelopes.InternalTransferEnvelope))]
[JsonSerializable(typeof(Envelopes.InternalTransferRequest))]
[JsonSerializable(typeof(NewClient))]
[JsonSerializable(typeof(NewClientInvoice))]
[JsonSerializable(typeof(Envelopes.ErrorEnvelope))]
[JsonSerializable(typeof(Envelopes.LabelEnvelope))]
[JsonSerializable(typeof(Envelopes.LabelsPage))]
[JsonSerializable(typeof(Envelopes.MembershipEnvelope))]
[JsonSerializable(typeof(Envelopes.MembershipsPage))]
[JsonSerializable(typeof(Envelopes.NewBeneficiaryRequest))]
[JsonSerializable(typeof(Envelopes.BeneficiaryChangesRequest))]
[JsonSerializable(typeof(Envelopes.BeneficiaryIds))]
[JsonSerializable(typeof(Envelopes.BeneficiaryList))]
[JsonSerializable(typeof(TransactionChanges))]
[JsonSerializable(typeof(WebhookSubscription))]
[JsonSerializable(typeof(NewWebhookSubscription))]
[JsonSerializable(typeof(Envelopes.WebhookSubscriptionsPage))]
[JsonSerializable(typeof(Envelopes.WebhookDeliveriesPage))]
[JsonSerializable(typeof(Envelopes.WebhookDeliveryEnvelope))]
internal sealed partial class ComptoirJsonContext : JsonSerializerContext;

/// <summary>The wrappers the API puts around resources.</summary>
internal static class Envelopes
{
    internal sealed record OrganizationEnvelope(Organization Organization);
    internal sealed record BankAccountsPage(IReadOnlyList<BankAccount> BankAccounts, Meta Meta);
    internal sealed record ClientEnvelope(Models.Client Client);
    internal sealed record ClientsPage(IReadOnlyList<Models.Client> Clients, Meta Meta);
    internal sealed record ClientInvoiceEnvelope(ClientInvoice ClientInvoice);
    internal sealed record ClientInvoicesPage(IReadOnlyList<ClientInvoice> ClientInvoices, Meta Meta);
    internal sealed record AttachmentEnvelope(Attachment Attachment);
    internal sealed record AttachmentIdEnvelope(AttachmentId Attachment);
    internal sealed record AttachmentId(string Id);
    internal sealed record BeneficiaryEnvelope(Beneficiary Beneficiary);
    internal sealed record BeneficiariesPage(IReadOnlyList<Beneficiary> Beneficiaries, Meta Meta);
    internal sealed record TransferEnvelope(Transfer Transfer);
    internal sealed record TransfersPage(IReadOnlyList<Transfer> Transfers, Meta Meta);
    internal sealed record TransactionEnvelope(Transaction Transaction);
    internal sealed record TransactionsPage(IReadOnlyList<Transaction> Transactions, Meta Meta);
    internal sealed record TransferRequest(string VopProofToken, NewTransfer Transfer);
    internal sealed record VerifyPayeeRequest(string Iban, string BeneficiaryName);
    internal sealed record LabelEnvelope(Label Label);
    internal sealed record LabelsPage(IReadOnlyList<Label> Labels, Meta Meta);
    internal sealed record MembershipEnvelope(Membership Membership);
    internal sealed record MembershipsPage(IReadOnlyList<Membership> Memberships, Meta Meta);
    internal sealed record NewBeneficiaryRequest(NewBeneficiary Beneficiary);
    internal sealed record BeneficiaryChangesRequest(BeneficiaryChanges Beneficiary);
    internal sealed record BeneficiaryIds(IReadOnlyList<string> Ids);
    internal sealed record BeneficiaryList(IReadOnlyList<Beneficiary> Beneficiaries);
    internal sealed record BulkVerifyRequest(IReadOnlyList<PayeeToVerify> Requests);
    internal sealed record ProofTokenEnvelope(ProofToken ProofToken);
    internal sealed record InternalTransferEnvelope(InternalTransfer InternalTransfer);
    internal sealed record InternalTransferRequest(NewInternalTransfer InternalTransfer);
    internal sealed record WebhookSubscriptionsPage(IReadOnlyList<WebhookSubscription> Subscriptions, Meta Meta);
    internal sealed record WebhookDeliveriesPage(IReadOnlyList<WebhookDelivery> Deliveries, Meta Meta);
    internal sealed record WebhookDeliveryEnvelope(WebhookDelivery Delivery);
    internal sealed record ErrorEnvelope(IReadOnlyList<ErrorItem>? Errors, string? TraceId, string? ScaSessionToken);
    internal sealed record ErrorItem(string? Code, string? Detail, ErrorSource? Source);
    internal sealed record ErrorSource(string? Pointer, string? Parameter);
}
