using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using Comptoir.Core.Invoicing;
using Comptoir.FacturX;
using Comptoir.FacturX.Cii;
using Comptoir.FacturX.Model;
using Comptoir.FacturX.Reading;

namespace Comptoir.Bench;

/// <summary>
/// Time and allocations to render one finalized invoice (CII XML + PDF/A-3 with subset fonts), pinned to one core.
/// Budget from the Factur-X issue: 10 lines at most 5 ms median and 60 KB; 250 lines at most 50 ms.
/// </summary>
[Config(typeof(OneCore))]
[MemoryDiagnoser]
public class FacturXBenchmarks
{
    private readonly FacturXGenerator _generator = new(new FrozenClock());
    private InvoiceDocument _invoice = null!;
    private byte[] _pdf = null!;

    [Params(1, 10, 250)]
    public int Lines { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _invoice = Invoice(Lines);
        _pdf = _generator.Generate(_invoice).Pdf;
        Console.WriteLine($"// {Lines} lines: PDF {_pdf.Length} bytes");
    }

    [Benchmark(Description = "XML + PDF/A-3")]
    public int Generate() => _generator.Generate(_invoice).Pdf.Length;

    [Benchmark(Description = "CII XML only")]
    public int XmlOnly() => CiiWriter.Write(_invoice).Length;

    [Benchmark(Description = "Extract + parse XML")]
    public int Read() => CiiReader.Read(PdfAttachments.FindInvoiceXml(_pdf)!.Content).Lines.Count;

    public static InvoiceDocument Invoice(int lines)
    {
        var seller = new Party
        {
            Name = "Atelier Dupont SAS", LegalId = "732829320", VatNumber = "FR44732829320",
            Address = new PostalAddress { Line1 = "12 rue de la Paix", PostCode = "75002", City = "Paris", CountryCode = "FR" },
            ElectronicAddress = new ElectronicAddress("732829320", "0225"),
        };
        var buyer = seller with { Name = "Acme Corp", LegalId = "552100554", VatNumber = "FR40552100554", ElectronicAddress = new ElectronicAddress("552100554", "0225") };
        decimal[] rates = [0.20m, 0.10m, 0.055m, 0.021m];
        return new InvoiceDocument
        {
            Number = "F-2026-000001", IssueDate = new DateOnly(2026, 3, 19), DueDate = new DateOnly(2026, 4, 18), BillingMode = "S1",
            Seller = seller, Buyer = buyer,
            Notes = [new(FrenchLegalMentions.LatePaymentPenalties, "PMD"), new(FrenchLegalMentions.FixedRecoveryCompensation, "PMT"), new(FrenchLegalMentions.NoEarlyPaymentDiscount, "AAB")],
            Payment = new PaymentInstructions { Iban = "FR7616958000014527181398763", Bic = "QNTOFRP1XXX", RemittanceReference = "F-2026-000001" },
            Lines = Enumerable.Range(1, lines).Select(i => new InvoiceItem
            {
                Title = $"Prestation de conseil n° {i} — été 2026", Description = i % 3 == 0 ? "Ateliers, synthèse et recommandations détaillées pour l'équipe." : null,
                Quantity = (i % 5) + 1, Unit = "hour", UnitPrice = 95m + i, VatRate = rates[i % rates.Length],
                Discount = i % 4 == 0 ? new LineDiscount(DiscountKind.Percentage, 0.05m) : null,
            }).ToList(),
        };
    }

    private sealed class FrozenClock : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(2026, 3, 19, 20, 30, 1, TimeSpan.Zero);
    }

    private sealed class OneCore : ManualConfig
    {
        public OneCore()
        {
            AddJob(Job.Default.WithAffinity((IntPtr)1).WithWarmupCount(3).WithIterationCount(15));
            AddDiagnoser(MemoryDiagnoser.Default);
        }
    }
}
