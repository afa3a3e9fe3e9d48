namespace Comptoir.FacturX.Reading;

/// <summary>The PDF object model the reader needs (numbers, names, strings, arrays, dictionaries, references, streams).</summary>
internal abstract record PdfValue;

internal sealed record PdfNumber(double Value) : PdfValue;

internal sealed record PdfName(string Value) : PdfValue;

internal sealed record PdfBytes(byte[] Value) : PdfValue
{
    /// <summary>Decodes a PDF text string: UTF-16 with BOM, UTF-8 with BOM, else PDFDocEncoding (Latin-1 is close enough).</summary>
    public string AsText()
    {
        if (Value.Length >= 2 && Value[0] == 0xFE && Value[1] == 0xFF)
        {
            return System.Text.Encoding.BigEndianUnicode.GetString(Value, 2, Value.Length - 2);
        }

        if (Value.Length >= 2 && Value[0] == 0xFF && Value[1] == 0xFE)
        {
            return System.Text.Encoding.Unicode.GetString(Value, 2, Value.Length - 2);
        }

        if (Value.Length >= 3 && Value[0] == 0xEF && Value[1] == 0xBB && Value[2] == 0xBF)
        {
            return System.Text.Encoding.UTF8.GetString(Value, 3, Value.Length - 3);
        }

        return System.Text.Encoding.Latin1.GetString(Value);
    }
}

internal sealed record PdfBoolean(bool Value) : PdfValue;

internal sealed record PdfNull : PdfValue
{
    public static readonly PdfNull Instance = new();
}

internal sealed record PdfReference(int Number, int Generation) : PdfValue;

internal sealed record PdfArray(List<PdfValue> Items) : PdfValue;

internal sealed record PdfDictionary(Dictionary<string, PdfValue> Entries) : PdfValue
{
    public PdfValue? this[string key] => Entries.GetValueOrDefault(key);
}

/// <summary>A stream: its dictionary and the raw (still encoded) bytes.</summary>
internal sealed record PdfStream(PdfDictionary Dictionary, byte[] RawData) : PdfValue;
