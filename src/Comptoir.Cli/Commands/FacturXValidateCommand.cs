using System.CommandLine;
using Comptoir.FacturX.Reading;
using Comptoir.FacturX.Validation;
using Comptoir.FacturX.Validation.FacturX;

namespace Comptoir.Cli.Commands;

/// <summary><c>comptoir facturx validate FILE... [--profile P] [--json]</c>: the native EN 16931 rules, and a Factur-X profile's own rules, over PDFs and XML files.</summary>
internal static class FacturXValidateCommand
{
    public static Command Build(CliConsole console)
    {
        var files = new Argument<FileInfo[]>("files") { Description = "Factur-X / ZUGFeRD PDFs or CII / UBL XML files.", Arity = ArgumentArity.OneOrMore };
        var json = new Option<bool>("--json") { Description = "Print one JSON object per file (a JSON array) instead of text." };
        var profile = new Option<string>("--profile")
        {
            Description = "Factur-X profile rules to add to the EN 16931 ones (CII only): auto (the profile BT-24 declares, when implemented), none, or minimum (the profile implemented so far).",
            DefaultValueFactory = _ => "auto",
        };
        profile.AcceptOnlyFromAmong("auto", "none", "minimum");
        var command = new Command("validate", "Check invoices against the EN 16931 rules (business, VAT category, code-list and syntax rules, CII and UBL) and the Factur-X profile's own rules; exit 1 when one breaks a fatal rule.") { files, profile, json };
        command.SetAction(parse =>
        {
            var options = parse.GetValue(profile) switch
            {
                "none" => new ValidationOptions(),
                "minimum" => new ValidationOptions { FacturXProfile = FacturXProfile.Minimum },
                _ => new ValidationOptions { FacturXProfileFromGuideline = true },
            };
            var results = parse.GetValue(files)!.Select(file => Validate(file, options)).ToList();
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

    private static FileValidation Validate(FileInfo file, ValidationOptions options)
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

            return new FileValidation(file.Name, InvoiceValidator.Validate(bytes, options), null);
        }
        catch (InvalidDataException e)
        {
            return new FileValidation(file.Name, null, e.Message);
        }
    }
}

/// <summary>The outcome for one file: a report, or why there is none (unreadable, not an e-invoice).</summary>
internal sealed record FileValidation(string File, ValidationReport? Report, string? Error);
