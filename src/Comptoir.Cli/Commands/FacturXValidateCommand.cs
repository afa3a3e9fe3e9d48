using System.CommandLine;
using System.Xml.Linq;
using Comptoir.FacturX.Cii;
using Comptoir.FacturX.Reading;
using Comptoir.FacturX.Validation;
using Comptoir.FacturX.Validation.FacturX;

namespace Comptoir.Cli.Commands;

/// <summary>
/// <c>comptoir facturx validate FILE... [--json] [--rules auto|en16931,fr] [--profile auto|none|minimum|basicwl|basic|en16931|extended]</c>: the native
/// EN 16931 rules, the French BR-FR rules for French sellers, and a Factur-X profile's own rules, over PDFs and XML files.
/// </summary>
internal static class FacturXValidateCommand
{
    public static Command Build(CliConsole console)
    {
        var files = new Argument<FileInfo[]>("files") { Description = "Factur-X / ZUGFeRD PDFs or CII / UBL XML files.", Arity = ArgumentArity.OneOrMore };
        var json = new Option<bool>("--json") { Description = "Print one JSON object per file (a JSON array) instead of text." };
        var rules = new Option<string>("--rules") { Description = FacturXRuleSelection.Help, DefaultValueFactory = _ => "auto" };
        rules.Validators.Add(result =>
        {
            if (FacturXRuleSelection.Parse(result.GetValueOrDefault<string>()) is null)
            {
                result.AddError($"--rules: '{result.GetValueOrDefault<string>()}' is not auto, or a list of en16931 and fr.");
            }
        });
        var profile = new Option<string>("--profile")
        {
            Description = "Factur-X profile rules to add (CII only): auto (the profile BT-24 declares), none, or one profile: minimum, basicwl, basic, en16931, extended.",
            DefaultValueFactory = _ => "auto",
        };
        profile.AcceptOnlyFromAmong("auto", "none", "minimum", "basicwl", "basic", "en16931", "extended");
        var command = new Command("validate", "Check invoices against the EN 16931 rules (business, VAT category, code-list and syntax rules, CII and UBL), for a seller in France the French BR-FR rules of the 2026 reform (CII), and the Factur-X profile's own rules; exit 1 when one breaks a fatal rule.") { files, json, rules, profile };
        command.SetAction(parse =>
        {
            var selection = FacturXRuleSelection.Parse(parse.GetValue(rules))!;
            var options = parse.GetValue(profile) switch
            {
                "none" => new ValidationOptions(),
                "minimum" => new ValidationOptions { FacturXProfile = FacturXProfile.Minimum },
                "basicwl" => new ValidationOptions { FacturXProfile = FacturXProfile.BasicWl },
                "basic" => new ValidationOptions { FacturXProfile = FacturXProfile.Basic },
                "en16931" => new ValidationOptions { FacturXProfile = FacturXProfile.En16931 },
                "extended" => new ValidationOptions { FacturXProfile = FacturXProfile.Extended },
                _ => new ValidationOptions { FacturXProfileFromGuideline = true },
            };
            var results = parse.GetValue(files)!.Select(f => Validate(f, selection, options)).ToList();
            if (parse.GetValue(json))
            {
                FacturXValidationPrinter.WriteJson(results, console.StandardOutput);
            }
            else
            {
                foreach (var result in results)
                {
                    FacturXValidationPrinter.WriteText(result, console.Out);
                }
            }

            return results.Any(r => r.Report is null || r.Report.HasFatal) ? ExitCodes.Failed : ExitCodes.Success;
        });
        return command;
    }

    private static FileValidation Validate(FileInfo file, FacturXRuleSelection selection, ValidationOptions options)
    {
        if (!file.Exists)
        {
            return new FileValidation(file.Name, null, "no such file");
        }

        if (file.Length > PdfAttachments.MaxPdfSize)
        {
            return new FileValidation(file.Name, null, $"larger than {PdfAttachments.MaxPdfSize / (1024 * 1024)} MB");
        }

        try
        {
            var bytes = File.ReadAllBytes(file.FullName);
            if (bytes.AsSpan().StartsWith("%PDF"u8))
            {
                var embedded = PdfAttachments.FindInvoiceXml(bytes);
                if (embedded is null)
                {
                    return new FileValidation(file.Name, null, "no factur-x.xml, zugferd-invoice.xml or xrechnung.xml is embedded");
                }

                bytes = embedded.Content;
            }

            return Validate(file.Name, SecureXml.Load(bytes), selection, options);
        }
        catch (InvalidDataException e)
        {
            return new FileValidation(file.Name, null, e.Message);
        }
    }

    /// <summary>The selected rule sets over one document, their findings in one report.</summary>
    private static FileValidation Validate(string name, XDocument document, FacturXRuleSelection selection, ValidationOptions options)
    {
        var isCii = document.Root?.Name == XName.Get("CrossIndustryInvoice", CiiNamespaces.Rsm);
        var french = selection.RunsFrench(document);
        if (french && !isCii)
        {
            return new FileValidation(name, null, "the French BR-FR rules are bound to CII only; this is not a CII invoice");
        }

        // The EN 16931 rules when chosen, and the profile's rules as --profile says (CII only), in one report.
        var en16931 = InvoiceValidator.Validate(document, options with { En16931 = selection.En16931 });
        var frenchReport = french ? InvoiceValidator.ValidateFrench(document) : null;
        var findings = en16931.Findings.Concat(frenchReport?.Findings ?? []).ToList();
        var ruleSets = FacturXRuleSelection.Describe(selection.En16931, frenchReport is not null);
        return new FileValidation(name, en16931 with { Findings = findings }, null)
        {
            RuleSets = en16931.FacturXProfile is { } checkedProfile ? $"{ruleSets} + Factur-X {FacturXProfileIds.Name(checkedProfile)} rules" : ruleSets,
        };
    }
}

/// <summary>The outcome for one file: a report, or why there is none (unreadable, not an e-invoice).</summary>
internal sealed record FileValidation(string File, ValidationReport? Report, string? Error)
{
    /// <summary>The rule sets that ran, as printed ("EN 16931 + BR-FR rules").</summary>
    public string RuleSets { get; init; } = FacturXRuleSelection.Describe(en16931: true, french: false);
}
