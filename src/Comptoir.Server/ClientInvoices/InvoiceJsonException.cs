namespace Comptoir.Server.ClientInvoices;

/// <summary>A client invoice JSON that cannot become an invoice; <see cref="Pointer"/> names the field (JSON pointer).</summary>
public sealed class InvoiceJsonException(string pointer, string message) : Exception($"{pointer}: {message}")
{
    public string Pointer { get; } = pointer;
}
