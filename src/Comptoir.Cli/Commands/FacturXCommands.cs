using System.CommandLine;
using System.Globalization;
using Comptoir.Server.ClientInvoices;
using Comptoir.Server.Http.Json;
using Comptoir.FacturX;
using Comptoir.FacturX.Inspection;
using Comptoir.FacturX.Layout;
using Comptoir.FacturX.Model;
using Comptoir.FacturX.Reading;

namespace Comptoir.Cli.Commands;

/// <summary><c>comptoir facturx generate|extract|inspect|validate</c>.</summary>
public static class FacturXCommands
{
    public static Command Build(CliConsole console)
    {
        var command = new Command("facturx", "Generate, extract, inspect and validate Factur-X (EN 16931) invoices.");
        command.Subcommands.Add(Generate(console));
        command.Subcommands.Add(Extract(console));
        command.Subcommands.Add(Inspect(console));
        command.Subcommands.Add(FacturXValidateCommand.Build(console));
        return command;
    }

    private static Command Generate(CliConsole console)
    {
        var input = new Option<FileInfo>("--in") { Description = "The API's client_invoice JSON, with its organization and client blocks ('-' for stdin).", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "Where to write the PDF.", Required = true };
        var draft = new Option<bool>("--draft") { Description = "Write a draft: marked DRAFT, no number needed, no embedded XML." };
        var xml = new Option<FileInfo?>("--xml") { Description = "Also write the embedded factur-x.xml to this file." };
        var language = new Option<string?>("--language") { Description = "Label language, fr or en (default: the client's locale, else fr)." };
        language.AcceptOnlyFromAmong("fr", "en");
        var command = new Command("generate", "Render a client invoice as a Factur-X PDF/A-3 (a draft as a plain PDF). An invoice that would break a fatal rule (the native validator on the XML it would embed: EN 16931, the Factur-X EN 16931 profile, and the French BR-FR rules for a French seller) is refused, naming the rule; right-to-left and CJK texts are refused. A foreign currency needs euro_exchange_rate (BR-FR-CO-12).") { input, output, draft, xml, language };
        command.SetAction(parse =>
        {
            var source = parse.GetValue(input)!;
            var bytes = source.Name == "-" ? ReadStdin() : ReadLimited(source, ClientInvoiceRules.MaxBodyBytes);
            ClientInvoiceInput parsed;
            try
            {
                parsed = ClientInvoiceJson.Parse(bytes);
            }
            catch (JsonBodyException e)
            {
                throw new CliException($"{source.Name}: {e.Message}");
            }

            var isDraft = parse.GetValue(draft) || parsed.IsDraft;
            var options = new InvoiceLayoutOptions { Draft = isDraft, Language = parse.GetValue(language) ?? parsed.Language };
            FacturXResult result;
            try
            {
                result = new FacturXGenerator().Generate(parsed.Invoice, options);
            }
            catch (InvoiceRuleException e)
            {
                // The file would break a fatal rule: nothing is written.
                throw new CliException($"{source.Name}: not written, the invoice would break EN 16931:{Environment.NewLine}{e.Message}");
            }

            var target = parse.GetValue(output)!;
            WriteAtomically(target, result.Pdf);
            if (parse.GetValue(xml) is { } xmlTarget && result.Xml is not null)
            {
                WriteAtomically(xmlTarget, result.Xml);
            }

            var kind = isDraft ? "draft PDF, no XML" : "Factur-X EN 16931, factur-x.xml embedded";
            console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Wrote {target.FullName} ({kind}, {result.PageCount} page(s), {result.Pdf.Length / 1024.0:0.0} KB)"));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Extract(CliConsole console)
    {
        var file = new Argument<FileInfo>("file") { Description = "A Factur-X, ZUGFeRD or XRechnung PDF." };
        var output = new Option<FileInfo?>("--out") { Description = "Write the XML to this file instead of standard output." };
        var command = new Command("extract", "Print the invoice XML embedded in a PDF (factur-x.xml, zugferd-invoice.xml or xrechnung.xml).") { file, output };
        command.SetAction(parse =>
        {
            var pdf = parse.GetValue(file)!;
            var attachment = PdfAttachments.FindInvoiceXml(ReadLimited(pdf, PdfAttachments.MaxPdfSize))
                ?? throw new CliException($"{pdf.Name}: no factur-x.xml, zugferd-invoice.xml or xrechnung.xml is embedded.", ExitCodes.Failed);
            if (parse.GetValue(output) is { } target)
            {
                WriteAtomically(target, attachment.Content);
                console.Error.WriteLine($"Wrote {attachment.Name} to {target.FullName}");
            }
            else
            {
                console.StandardOutput.Write(attachment.Content);
                console.StandardOutput.Flush();
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Inspect(CliConsole console)
    {
        var file = new Argument<FileInfo>("file") { Description = "The PDF to inspect." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of text." };
        var command = new Command("inspect", "Show a Factur-X PDF's profile, parties and totals, and what is wrong with it: container checks, every EN 16931 rule and, for a seller in France, the French BR-FR rules (errors when the invoice names a reform billing mode, BT-23; warnings otherwise) (exit 1 when it has errors).") { file, json };
        command.SetAction(parse =>
        {
            var pdf = parse.GetValue(file)!;
            var report = FacturXInspector.Inspect(ReadLimited(pdf, PdfAttachments.MaxPdfSize));
            if (parse.GetValue(json))
            {
                InspectionPrinter.WriteJson(report, console.StandardOutput);
            }
            else
            {
                InspectionPrinter.WriteText(report, pdf.Name, console.Out);
            }

            return report.IsValid ? ExitCodes.Success : ExitCodes.Failed;
        });
        return command;
    }

    private static byte[] ReadLimited(FileInfo file, long limit)
    {
        if (!file.Exists)
        {
            throw new CliException($"{file.FullName}: no such file.");
        }

        if (file.Length > limit)
        {
            throw new CliException($"{file.Name}: larger than {limit / (1024 * 1024)} MB.");
        }

        return File.ReadAllBytes(file.FullName);
    }

    private static byte[] ReadStdin()
    {
        using var stdin = Console.OpenStandardInput();
        using var buffer = new MemoryStream();
        stdin.CopyTo(buffer);
        return buffer.ToArray();
    }

    /// <summary>Writes beside the target then renames, so a crash never leaves half a PDF under the final name.</summary>
    private static void WriteAtomically(FileInfo target, byte[] content)
    {
        var directory = target.Directory ?? new DirectoryInfo(".");
        directory.Create();
        var temporary = Path.Combine(directory.FullName, $".{target.Name}.{Environment.ProcessId}.tmp");
        File.WriteAllBytes(temporary, content);
        File.Move(temporary, target.FullName, overwrite: true);
    }
}
