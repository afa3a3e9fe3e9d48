using System.CommandLine;
using System.Text.Json;
using Comptoir.Client;
using Comptoir.Client.Models;
using Comptoir.Core.Banking;
using Comptoir.Core.Money;

namespace Comptoir.Cli.Commands;

/// <summary>
/// comptoir pay: the public API's SEPA transfer guide with Verification of Payee and a locally recorded idempotency key;
/// with --supplier-invoice, the payment an approved supplier invoice asks for (<see cref="SupplierInvoicePayment"/>).
/// </summary>
public static class PayCommand
{
    /// <summary>Exit code when the transfer still waits for strong customer authentication (--no-wait, or the session expired).</summary>
    public const int ScaRequired = 4;

    /// <summary>How often the SCA session is polled while the user decides.</summary>
    public static readonly TimeSpan ScaPollInterval = TimeSpan.FromSeconds(2);

    public static Command Build(CliConsole console)
    {
        var connection = new ApiConnection();
        var beneficiaryOption = new Option<string?>("--beneficiary") { Description = "The beneficiary's name or IBAN (required without --supplier-invoice)." };
        var amountOption = new Option<string?>("--amount") { Description = "Amount in EUR, e.g. 1100.50 (required without --supplier-invoice)." };
        var referenceOption = new Option<string?>("--reference") { Description = "Reference the payee sees, at most 140 characters (required without --supplier-invoice)." };
        var invoiceOption = new Option<string?>("--supplier-invoice") { Description = "Pay this approved supplier invoice: its IBAN, payable amount and number (as the reference) are used, and its file is attached (instead of --beneficiary, --amount and --reference)." };
        var accountOption = new Option<string?>("--account") { Description = "Paying account (IBAN or id; default: the main account)." };
        var attachmentsOption = new Option<FileInfo[]>("--attachment") { Description = "Supporting document (required above 30,000 EUR); repeatable." };
        var yesOption = new Option<bool>("--yes") { Description = "Do not ask for confirmation when the payee check is not a MATCH." };
        var scaOption = new Option<string?>("--sca-session") { Description = "An approved sca_session_token, when re-running after strong customer authentication." };
        var noWaitOption = new Option<bool>("--no-wait") { Description = "When strong customer authentication is needed, exit with code 4 and the session token instead of waiting for the user's decision." };
        var journalOption = new Option<FileInfo?>("--journal") { Description = $"Where idempotency keys are recorded (default {PaymentJournal.DefaultPath})." };
        var command = new Command("pay", "Pay a beneficiary by SEPA transfer: verify the payee, confirm, and send with an idempotency key kept across re-runs.")
        {
            beneficiaryOption, amountOption, referenceOption, invoiceOption, accountOption, attachmentsOption, yesOption, scaOption, noWaitOption, journalOption,
        };
        connection.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var json = connection.WantsJson(parse);
            var say = json ? TextWriter.Null : console.Out;
            var sdk = connection.Connect(parse);
            var order = parse.GetValue(invoiceOption) is { } invoiceId
                ? await InvoiceOrderAsync(sdk, invoiceId, parse, beneficiaryOption, amountOption, referenceOption, say, ct).ConfigureAwait(false)
                : ManualOrder(parse, beneficiaryOption, amountOption, referenceOption);
            var amount = order.Amount;
            var beneficiary = await FindBeneficiaryAsync(sdk, order.Beneficiary, ct).ConfigureAwait(false);
            await say.WriteLineAsync($"[Step 1] GET /sepa/beneficiaries Found beneficiary: {beneficiary.Name} ({beneficiary.Id})").ConfigureAwait(false);

            var verification = await sdk.PayeeVerification.VerifyAsync(beneficiary.Iban, beneficiary.Name, ct).ConfigureAwait(false);
            var matched = verification.MatchedName is null ? string.Empty : $" (registered name: {verification.MatchedName})";
            await say.WriteLineAsync($"[Step 2] POST /sepa/verify_payee Verification result: {verification.MatchResult}{matched}").ConfigureAwait(false);
            if (!verification.IsMatch && !parse.GetValue(yesOption) && !Confirm(console, $"The payee check is {verification.MatchResult}. Pay {DecimalText.Amount(amount)} EUR to {beneficiary.Name} anyway? [y/N] "))
            {
                throw new CliException("Not paid: the payee check was not a match (use --yes to pay anyway).", ExitCodes.Failed);
            }

            var organization = await sdk.Organization.GetAsync(ct).ConfigureAwait(false);
            var accountText = parse.GetValue(accountOption);
            var account = accountText is null
                ? organization.BankAccounts.FirstOrDefault(a => a.Main) ?? organization.BankAccounts.FirstOrDefault()
                : organization.BankAccounts.FirstOrDefault(a => a.Id == accountText || a.Iban == Iban.Normalize(accountText));
            if (account is null)
            {
                throw new CliException($"No account {accountText ?? "(main)"} in {organization.Slug}.", ExitCodes.Failed);
            }

            var journal = new PaymentJournal(parse.GetValue(journalOption)?.FullName ?? PaymentJournal.DefaultPath, console.Clock);
            var reference = order.Reference;
            var key = journal.KeyFor(PaymentJournal.Fingerprint(organization.Id, beneficiary.Id, account.Id, DecimalText.Amount(amount), reference), out var reused);
            if (reused)
            {
                await say.WriteLineAsync($"  Re-using the idempotency key recorded for this payment: a transfer already made is returned, not repeated.").ConfigureAwait(false);
            }

            var attachmentIds = new List<string>(order.AttachmentIds);
            foreach (var file in parse.GetValue(attachmentsOption) ?? [])
            {
                if (!file.Exists)
                {
                    throw new CliException($"--attachment {file.FullName}: no such file.");
                }

                attachmentIds.Add(await sdk.Attachments.UploadAsync(file.FullName, $"{key}:{file.Name}", ct).ConfigureAwait(false));
            }

            var newTransfer = new NewTransfer
            {
                BeneficiaryId = beneficiary.Id,
                BankAccountId = account.Id,
                Reference = reference,
                Amount = DecimalText.Amount(amount),
                AttachmentIds = attachmentIds.Count == 0 ? null : attachmentIds,
            };
            Transfer transfer;
            try
            {
                transfer = await sdk.Transfers.CreateAsync(verification.ProofToken.Token, newTransfer, key, parse.GetValue(scaOption), ct).ConfigureAwait(false);
            }
            catch (ComptoirApiException e) when ((int)e.StatusCode == 428 && e.Fields.TryGetValue("sca_session_token", out var session))
            {
                var approve = $"approve session {session} (the phone app, or 'comptoir admin sca approve {session}' on a Comptoir server)";
                if (parse.GetValue(noWaitOption))
                {
                    await console.Error.WriteLineAsync($"comptoir: strong customer authentication required; {approve}, then re-run with --sca-session {session}.").ConfigureAwait(false);
                    return ScaRequired;
                }

                await console.Error.WriteLineAsync($"comptoir: strong customer authentication required; waiting while you {approve}...").ConfigureAwait(false);
                ScaSession decision;
                try
                {
                    decision = await sdk.ScaSessions.WaitAsync(session, ScaPollInterval, ct).ConfigureAwait(false);
                }
                catch (ComptoirApiException expired) when ((int)expired.StatusCode == 412)
                {
                    await console.Error.WriteLineAsync($"comptoir: the SCA session {session} expired before it was approved; run the payment again for a new one.").ConfigureAwait(false);
                    return ScaRequired;
                }

                if (decision.Result != "allow")
                {
                    throw new CliException($"Not paid: the strong customer authentication was denied (session {session}).", ExitCodes.Failed);
                }

                transfer = await sdk.Transfers.CreateAsync(verification.ProofToken.Token, newTransfer, key, session, ct).ConfigureAwait(false);
            }

            await say.WriteLineAsync($"[Step 3] POST /sepa/transfers Transfer created: {transfer.Id} — status: {transfer.Status}").ConfigureAwait(false);
            if (json)
            {
                console.WriteJsonObject(stdout =>
                {
                    stdout.WriteString("transfer_id", transfer.Id);
                    stdout.WriteString("status", transfer.Status);
                    stdout.WriteString("amount", DecimalText.Amount(transfer.Amount));
                    stdout.WriteString("match_result", verification.MatchResult);
                    stdout.WriteString("idempotency_key", key);
                    stdout.WriteBoolean("key_reused", reused);
                    if (order.Invoice is not null)
                    {
                        stdout.WriteString("supplier_invoice_id", order.Invoice.Id);
                    }
                });
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static PaymentOrder ManualOrder(ParseResult parse, Option<string?> beneficiary, Option<string?> amount, Option<string?> reference)
    {
        if (parse.GetValue(beneficiary) is not { } to || parse.GetValue(amount) is not { } amountText || parse.GetValue(reference) is not { } referenceText)
        {
            throw new CliException("pay needs --beneficiary, --amount and --reference, or --supplier-invoice ID.", ExitCodes.Usage);
        }

        if (!DecimalText.TryParse(amountText, out var value) || value <= 0m || DecimalText.Scale(value) > 2)
        {
            throw new CliException($"--amount: '{amountText}' is not a positive amount with at most 2 decimals, like 1100.50.", ExitCodes.Usage);
        }

        return new PaymentOrder(to, value, referenceText, []);
    }

    private static async Task<PaymentOrder> InvoiceOrderAsync(ComptoirClient sdk, string invoiceId, ParseResult parse, Option<string?> beneficiary, Option<string?> amount, Option<string?> reference, TextWriter say, CancellationToken ct)
    {
        if (parse.GetValue(beneficiary) is not null || parse.GetValue(amount) is not null || parse.GetValue(reference) is not null)
        {
            throw new CliException("--supplier-invoice takes the beneficiary (IBAN), amount and reference from the invoice: leave out --beneficiary, --amount and --reference.", ExitCodes.Usage);
        }

        var order = await SupplierInvoicePayment.OrderAsync(sdk, invoiceId, ct).ConfigureAwait(false);
        await say.WriteLineAsync($"[Step 0] GET /supplier_invoices/{invoiceId} {order.Invoice!.SupplierName ?? "(no supplier name)"}, invoice {order.Reference}: {DecimalText.Amount(order.Amount)} EUR to {Iban.Format(order.Beneficiary)}").ConfigureAwait(false);
        return order;
    }

    private static async Task<Beneficiary> FindBeneficiaryAsync(ComptoirClient sdk, string wanted, CancellationToken ct)
    {
        var byIban = Iban.IsValid(wanted);
        var candidates = new List<Beneficiary>();
        await foreach (var beneficiary in sdk.Beneficiaries.ListAsync(iban: byIban ? Iban.Normalize(wanted) : null, cancellationToken: ct).ConfigureAwait(false))
        {
            if (beneficiary.Status == "validated" && (byIban || string.Equals(beneficiary.Name, wanted, StringComparison.OrdinalIgnoreCase)))
            {
                candidates.Add(beneficiary);
            }
        }

        return candidates.Count switch
        {
            0 => throw new CliException($"No validated beneficiary '{wanted}' (beneficiaries are added in the web app, or with 'comptoir admin beneficiaries add').", ExitCodes.Failed),
            1 => candidates[0],
            _ => throw new CliException($"'{wanted}' matches {candidates.Count} beneficiaries ({string.Join(", ", candidates.Select(c => $"{c.Name} {c.Iban}"))}); use the IBAN.", ExitCodes.Failed),
        };
    }

    /// <summary>Asks on a terminal; without one (scripts, CI) the answer is no, and --yes is the way to proceed.</summary>
    private static bool Confirm(CliConsole console, string question)
    {
        if (Console.IsInputRedirected || console.Out != Console.Out)
        {
            return false;
        }

        console.Out.Write(question);
        var answer = Console.ReadLine();
        return answer is not null && answer.Trim().StartsWith('y');
    }

}
