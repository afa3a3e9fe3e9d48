using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Comptoir.FacturX.Pdf;

/// <summary>
/// Writes numbered indirect objects to a buffer and finishes the file with a cross-reference table and a trailer
/// whose /ID is a digest of the body, so identical input gives an identical file.
/// </summary>
internal sealed class PdfObjectWriter
{
    private readonly MemoryStream _output;
    private readonly List<long> _offsets = [0];

    public PdfObjectWriter(int capacity = 64 * 1024)
    {
        _output = new MemoryStream(capacity);
        // The binary comment tells transfer tools the file is binary (PDF/A requires 4 bytes above 127).
        WriteAscii("%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n", latin1: true);
    }

    /// <summary>Reserves an object number to be written later.</summary>
    public int Reserve()
    {
        _offsets.Add(-1);
        return _offsets.Count - 1;
    }

    public void WriteObject(int id, string body)
    {
        Begin(id);
        WriteAscii(body);
        WriteAscii("\nendobj\n");
    }

    /// <summary>
    /// Writes a stream object; <paramref name="dictionary"/> is the dictionary's inside, without Length or Filter.
    /// <paramref name="recurring"/> marks data that other documents are likely to repeat (fonts, the ICC profile).
    /// </summary>
    public void WriteStream(int id, string dictionary, ReadOnlySpan<byte> data, bool compress = true, bool recurring = false)
    {
        var compressed = compress ? FlateCache.Compress(data, recurring) : null;
        var payload = compressed ?? data.ToArray();
        Begin(id);
        var filter = compress ? " /Filter /FlateDecode" : string.Empty;
        WriteAscii(string.Create(CultureInfo.InvariantCulture, $"<< {dictionary}{filter} /Length {payload.Length} >>\nstream\n"));
        _output.Write(payload);
        WriteAscii("\nendstream\nendobj\n");
    }

    /// <summary>Writes the xref table and trailer and returns the whole file.</summary>
    public byte[] Finish(int root, int? info)
    {
        for (var i = 1; i < _offsets.Count; i++)
        {
            if (_offsets[i] < 0)
            {
                throw new InvalidOperationException($"PDF object {i} was reserved but never written.");
            }
        }

        var id = Convert.ToHexString(MD5.HashData(_output.GetBuffer().AsSpan(0, (int)_output.Length)));
        var xrefAt = _output.Length;
        var xref = new StringBuilder(_offsets.Count * 20 + 200);
        xref.Append(CultureInfo.InvariantCulture, $"xref\n0 {_offsets.Count}\n0000000000 65535 f \n");
        for (var i = 1; i < _offsets.Count; i++)
        {
            xref.Append(_offsets[i].ToString("D10", CultureInfo.InvariantCulture)).Append(" 00000 n \n");
        }

        var infoEntry = info is { } infoId ? string.Create(CultureInfo.InvariantCulture, $" /Info {infoId} 0 R") : string.Empty;
        xref.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {_offsets.Count} /Root {root} 0 R{infoEntry} /ID [<{id}> <{id}>] >>\nstartxref\n{xrefAt}\n%%EOF\n");
        WriteAscii(xref.ToString());
        return _output.ToArray();
    }

    private void Begin(int id)
    {
        _offsets[id] = _output.Length;
        WriteAscii(string.Create(CultureInfo.InvariantCulture, $"{id} 0 obj\n"));
    }

    private void WriteAscii(string text, bool latin1 = false)
    {
        var bytes = latin1 ? Encoding.Latin1.GetBytes(text) : Encoding.ASCII.GetBytes(text);
        _output.Write(bytes);
    }
}
