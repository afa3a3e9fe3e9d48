using System.CommandLine;
using Comptoir.Core.Banking;
using Comptoir.Core.Money;
using Comptoir.Server.Organizations;
using Comptoir.Server.Beneficiaries;
using Comptoir.Server.Payees;
using Comptoir.Server.Transfers;
using Comptoir.Server.Transactions;
using Comptoir.Server.Storage;

namespace Comptoir.Cli.Commands;

/// <summary>comptoir admin beneficiaries | payees | banks | credit | sca: the payment side of administration.</summary>
public static class PaymentAdminCommands
{
    public static IEnumerable<Command> Build(CliConsole console)
    {
        yield return Beneficiaries(console);
        yield return Payees(console);
        yield return Banks(console);
        yield return Credit(console);
        yield return Sca(console);
    }

    private static Command Beneficiaries(CliConsole console)
    {
        var group = new Command("beneficiaries", "SEPA beneficiaries: created, validated and trusted by an administrator, as in the web app.");
        var storage = new StorageOptions();
        var organization = new Option<string>("--organization") { Description = "The organization's slug.", Required = true };
        var name = new Option<string>("--name") { Description = "Beneficiary name (1 to 140 characters).", Required = true };
        var iban = new Option<string>("--iban") { Description = "The beneficiary's IBAN (checked).", Required = true };
        var bic = new Option<string?>("--bic") { Description = "BIC; required unless the server holds an account at the IBAN's bank (its BIC is then taken)." };
        var trusted = new Option<bool>("--trusted") { Description = "Trusted: transfers to it need no strong customer authentication." };
        var add = new Command("add", "Add a validated beneficiary.") { organization, name, iban, bic, trusted };
        storage.AddTo(add);
        add.SetAction(async (parse, ct) =>
        {
            await using var database = await AdminDatabase.OpenAsync(storage, parse, console.Clock, ct).ConfigureAwait(false);
            var owner = await AdminDatabase.OrganizationAsync(new OrganizationStore(database, console.Clock), parse.GetValue(organization)!, ct).ConfigureAwait(false);
            try
            {
                var store = new BeneficiaryStore(database, console.Clock);
                var givenBic = parse.GetValue(bic) ?? await store.KnownBicAsync(parse.GetValue(iban)!, ct).ConfigureAwait(false)
                    ?? throw new CliException("--bic: the server knows no bank for this IBAN; give the beneficiary's BIC.", ExitCodes.Usage);
                var row = await store.AddAsync(owner.Id, parse.GetValue(name)!, parse.GetValue(iban)!, givenBic, parse.GetValue(trusted), cancellationToken: ct).ConfigureAwait(false);
                await console.Out.WriteLineAsync($"Beneficiary {row.Id} ({row.Name}, {Iban.Format(row.Iban)}, {row.Bic}) added{(row.Trusted ? ", trusted" : string.Empty)}.").ConfigureAwait(false);
            }
            catch (ArgumentException e)
            {
                throw new CliException(e.Message, ExitCodes.Usage);
            }

            return ExitCodes.Success;
        });
        group.Subcommands.Add(add);
        group.Subcommands.Add(Trust("trust", true, console));
        group.Subcommands.Add(Trust("untrust", false, console));
        return group;
    }

    private static Command Trust(string verb, bool trusted, CliConsole console)
    {
        var storage = new StorageOptions();
        var id = new Argument<string>("id") { Description = "The beneficiary id." };
        var command = new Command(verb, trusted ? "Trust a beneficiary (no SCA for transfers to it)." : "Stop trusting a beneficiary.") { id };
        storage.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            await using var database = await AdminDatabase.OpenAsync(storage, parse, console.Clock, ct).ConfigureAwait(false);
            if (!await new BeneficiaryStore(database, console.Clock).SetTrustedAsync(parse.GetValue(id)!, trusted, ct).ConfigureAwait(false))
            {
                throw new CliException($"No beneficiary {parse.GetValue(id)}.", ExitCodes.Failed);
            }

            await console.Out.WriteLineAsync($"Beneficiary {parse.GetValue(id)} {(trusted ? "trusted" : "no longer trusted")}.").ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Payees(CliConsole console)
    {
        var group = new Command("payees", "The Verification of Payee directory for accounts held outside this server.");
        var storage = new StorageOptions();
        var iban = new Option<string>("--iban") { Description = "The account's IBAN.", Required = true };
        var name = new Option<string>("--name") { Description = "The account holder's registered name.", Required = true };
        var add = new Command("add", "Register (or rename) an external account holder.") { iban, name };
        storage.AddTo(add);
        add.SetAction(async (parse, ct) =>
        {
            await using var database = await AdminDatabase.OpenAsync(storage, parse, console.Clock, ct).ConfigureAwait(false);
            try
            {
                await new PayeeDirectory(database, console.Clock).AddExternalAsync(parse.GetValue(iban)!, parse.GetValue(name)!, ct).ConfigureAwait(false);
            }
            catch (ArgumentException e)
            {
                throw new CliException(e.Message, ExitCodes.Usage);
            }

            await console.Out.WriteLineAsync($"Payee {parse.GetValue(name)} registered for {Iban.Format(parse.GetValue(iban)!)}.").ConfigureAwait(false);
            return ExitCodes.Success;
        });
        group.Subcommands.Add(add);
        return group;
    }

    private static Command Banks(CliConsole console)
    {
        var storage = new StorageOptions();
        var iban = new Option<string>("--iban") { Description = "Any IBAN of the bank (country and bank code identify it).", Required = true };
        var availability = new Option<string>("--availability") { Description = "How the bank answers payee verifications.", Required = true };
        availability.AcceptOnlyFromAmong(PayeeDirectory.Availabilities);
        var command = new Command("banks", "Mark a payee's bank available or unreachable for Verification of Payee.") { iban, availability };
        storage.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            await using var database = await AdminDatabase.OpenAsync(storage, parse, console.Clock, ct).ConfigureAwait(false);
            await new PayeeDirectory(database, console.Clock).SetBankAvailabilityAsync(parse.GetValue(iban)!, parse.GetValue(availability)!, ct).ConfigureAwait(false);
            await console.Out.WriteLineAsync($"Bank {PayeeDirectory.BankKey(parse.GetValue(iban)!)} is now {parse.GetValue(availability)}.").ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Credit(CliConsole console)
    {
        var storage = new StorageOptions();
        var iban = new Option<string>("--iban") { Description = "The receiving account's IBAN (held on this server).", Required = true };
        var amount = new Option<string>("--amount") { Description = "Amount in EUR, e.g. 1814.85.", Required = true };
        var counterparty = new Option<string>("--counterparty") { Description = "Who pays.", Required = true };
        var reference = new Option<string?>("--reference") { Description = "The payer's reference; an unpaid invoice number with the same total marks that invoice paid." };
        var command = new Command("credit", "Record incoming money from outside (and reconcile it with an unpaid invoice).") { iban, amount, counterparty, reference };
        storage.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            if (!DecimalText.TryParse(parse.GetValue(amount), out var value) || value <= 0m || DecimalText.Scale(value) > 2)
            {
                throw new CliException("--amount: a positive amount with at most 2 decimals, like 1814.85.", ExitCodes.Usage);
            }

            await using var database = await AdminDatabase.OpenAsync(storage, parse, console.Clock, ct).ConfigureAwait(false);
            IncomingResult result;
            try
            {
                result = await new IncomingPayments(database, console.Clock).CreditAsync(parse.GetValue(iban)!, Rounding.ToCentsInteger(value), parse.GetValue(counterparty)!, parse.GetValue(reference), ct).ConfigureAwait(false);
            }
            catch (ArgumentException e)
            {
                throw new CliException(e.Message, ExitCodes.Failed);
            }

            await console.Out.WriteLineAsync($"Credited {DecimalText.Amount(value)} EUR (transaction {result.Transaction.Id}, balance {DecimalText.Amount(Rounding.FromCents(result.Transaction.SettledBalanceCents ?? 0))} EUR).").ConfigureAwait(false);
            if (result.PaidInvoiceNumber is not null)
            {
                await console.Out.WriteLineAsync($"Invoice {result.PaidInvoiceNumber} is now paid.").ConfigureAwait(false);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Sca(CliConsole console)
    {
        var group = new Command("sca", "Approve or deny strong customer authentication sessions (what the phone app does).");
        foreach (var (verb, approve) in new[] { ("approve", true), ("deny", false) })
        {
            var storage = new StorageOptions();
            var token = new Argument<string>("token") { Description = "The sca_session_token of the 428 answer." };
            var command = new Command(verb, approve ? "Approve a pending SCA session." : "Deny a pending SCA session.") { token };
            storage.AddTo(command);
            command.SetAction(async (parse, ct) =>
            {
                await using var database = await AdminDatabase.OpenAsync(storage, parse, console.Clock, ct).ConfigureAwait(false);
                if (!await new ScaSessions(database, console.Clock).DecideAsync(parse.GetValue(token)!, approve, cancellationToken: ct).ConfigureAwait(false))
                {
                    throw new CliException("No pending SCA session with that token.", ExitCodes.Failed);
                }

                await console.Out.WriteLineAsync($"SCA session {(approve ? "approved" : "denied")}.").ConfigureAwait(false);
                return ExitCodes.Success;
            });
            group.Subcommands.Add(command);
        }

        return group;
    }
}
