using System.Diagnostics;
using System.Globalization;
using System.Xml.Linq;
using Comptoir.FacturX.Cii;
using Comptoir.FacturX.Validation;

namespace Comptoir.Bench;

/// <summary>
/// The native EN 16931 validator against the official Schematron through Saxon-HE, on the same invoices in one
/// run: N generated CII invoices of 1 to MAXLINES lines (a third of them with a broken total, so both validators have
/// findings to report). Saxon runs as the conformance README prescribes (one JVM over the folder), timed from
/// process start to exit; the native validator parses and validates the same bytes, after a warm-up of at least
/// 2 s (so that tiered JIT has compiled the optimised code).
/// </summary>
public static class ValidatorBenchmark
{
    public static int Run(int count, int maxLines)
    {
        var conformance = Environment.GetEnvironmentVariable("COMPTOIR_CONFORMANCE_DIR") ?? Path.GetFullPath(Path.Combine("..", "shared", "conformance"));
        var stylesheet = Path.Combine(conformance, "facturx", "en16931-cii-1.3.16", "cii", "xslt", "EN16931-CII-validation.xslt");
        if (!File.Exists(stylesheet))
        {
            Console.Error.WriteLine($"Set COMPTOIR_CONFORMANCE_DIR: {stylesheet} not found.");
            return 3;
        }

        var invoices = Enumerable.Range(0, count).Select(i => Invoice(i, maxLines)).ToList();
        var directory = Directory.CreateTempSubdirectory("comptoir-validator-bench-").FullName;
        try
        {
            var input = Path.Combine(directory, "in");
            var output = Path.Combine(directory, "svrl");
            Directory.CreateDirectory(input);
            Directory.CreateDirectory(output);
            for (var i = 0; i < invoices.Count; i++)
            {
                File.WriteAllBytes(Path.Combine(input, $"{i:000}.xml"), invoices[i]);
            }

            var saxon = Stopwatch.StartNew();
            using (var process = Process.Start(new ProcessStartInfo("java", ["-cp", "/usr/share/java/Saxon-HE.jar", "net.sf.saxon.Transform", "-xsl:" + stylesheet, "-s:" + input, "-o:" + output]) { RedirectStandardError = true })!)
            {
                process.StandardError.ReadToEnd();
                process.WaitForExit();
            }

            saxon.Stop();

            // Warm-up: the static code lists, and enough passes for tiered JIT to replace its quick first code with
            // optimised code (a single pass timed mostly tier-0 code, as a server validating all day never runs).
            var warmUp = Stopwatch.StartNew();
            for (var pass = 0; pass < 5 || warmUp.Elapsed < TimeSpan.FromSeconds(2); pass++)
            {
                foreach (var invoice in invoices)
                {
                    InvoiceValidator.Validate(invoice);
                }
            }

            const int passes = 20;
            var native = Stopwatch.StartNew();
            var reports = new List<ValidationReport>();
            for (var pass = 0; pass < passes; pass++)
            {
                reports.Clear();
                reports.AddRange(invoices.Select(InvoiceValidator.Validate));
            }

            native.Stop();

            // Where the native time goes: parsing the XML (secure settings) versus the rules on the parsed document.
            var parse = Stopwatch.StartNew();
            var documents = new List<XDocument>();
            for (var pass = 0; pass < passes; pass++)
            {
                documents.Clear();
                documents.AddRange(invoices.Select(Comptoir.FacturX.Reading.SecureXml.Load));
            }

            parse.Stop();

            var agree = reports.Select((r, i) => r.FatalRuleIds.SetEquals(FatalIds(Path.Combine(output, $"{i:000}.xml")))).Count(same => same);
            var saxonPerInvoice = saxon.Elapsed.TotalMilliseconds / count;
            var nativePerInvoice = native.Elapsed.TotalMilliseconds / (count * passes);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"invoices: {count} ({invoices.Sum(i => i.Length) / 1024} KB of XML), {reports.Count(r => r.HasFatal)} with fatal findings, verdicts equal on {agree}/{count}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Saxon-HE + official Schematron (one JVM, whole folder): {saxon.Elapsed.TotalMilliseconds:0} ms, {saxonPerInvoice:0.00} ms per invoice"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"native validator (parse + rules, {passes} passes):      {native.Elapsed.TotalMilliseconds:0} ms, {nativePerInvoice:0.000} ms per invoice"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  of which parsing the XML:                        {parse.Elapsed.TotalMilliseconds / (count * passes):0.000} ms per invoice"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"native is {saxonPerInvoice / nativePerInvoice:0}x faster per invoice"));
            return agree == count ? 0 : 1;
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>The i-th invoice: 1 to <paramref name="maxLines"/> lines; every third has its grand total off by a cent.</summary>
    private static byte[] Invoice(int index, int maxLines)
    {
        var xml = CiiWriter.Write(FacturXBenchmarks.Invoice((index % maxLines) + 1));
        if (index % 3 != 0)
        {
            return xml;
        }

        var document = XDocument.Load(new MemoryStream(xml));
        var grand = document.Descendants(XName.Get("GrandTotalAmount", CiiNamespaces.Ram)).First();
        grand.Value = (decimal.Parse(grand.Value, CultureInfo.InvariantCulture) + 0.01m).ToString(CultureInfo.InvariantCulture);
        var stream = new MemoryStream();
        document.Save(stream);
        return stream.ToArray();
    }

    private static IReadOnlySet<string> FatalIds(string svrl)
    {
        XNamespace ns = "http://purl.oclc.org/dsdl/svrl";
        return XDocument.Load(svrl).Descendants(ns + "failed-assert").Concat(XDocument.Load(svrl).Descendants(ns + "successful-report"))
            .Where(e => (string?)e.Attribute("flag") != "warning")
            .Select(e => (string)e.Attribute("id")!)
            .ToHashSet(StringComparer.Ordinal);
    }
}
