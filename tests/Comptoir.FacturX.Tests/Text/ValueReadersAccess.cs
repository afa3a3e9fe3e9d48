using Comptoir.FacturX.Reading.Text;

namespace Comptoir.FacturX.Tests.Text;

/// <summary>The internal readers, reached through InternalsVisibleTo.</summary>
internal static class ValueReadersAccess
{
    public static bool Amount(string text, out decimal value) => ValueReaders.Amount(text, out value);

    public static bool Iban(string text, out string value) => ValueReaders.IbanIn(text, out value);
}
