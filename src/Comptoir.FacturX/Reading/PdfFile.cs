using System.Text;

namespace Comptoir.FacturX.Reading;

/// <summary>
/// A read-only view of a PDF's objects. Rather than trusting the cross-reference table (often wrong in files from
/// the field), it scans the body for "n g obj" definitions in order (so incremental updates win), then unpacks
/// object streams. That covers classic xref tables, xref streams and compressed objects alike.
/// </summary>
internal sealed class PdfFile
{
    /// <summary>Files larger than this are refused before any parsing (an invoice is a few hundred KB).</summary>
    public const int MaxSize = 64 * 1024 * 1024;

    private readonly byte[] _data;
    private readonly Dictionary<int, PdfValue> _objects = [];
    private readonly Dictionary<int, int> _generations = [];
    private readonly List<PdfDictionary> _trailers = [];

    private PdfFile(byte[] data)
    {
        _data = data;
        ScanObjects();
        FindTrailers();
        Decrypt();
        UnpackObjectStreams();
        FindCatalog();
    }

    /// <summary>The document catalog.</summary>
    public PdfDictionary Catalog { get; private set; } = null!;

    /// <summary>The file was encrypted; with an empty user password it has been decrypted on opening.</summary>
    public bool IsEncrypted { get; private set; }

    public IEnumerable<PdfValue> Objects => _objects.Values;

    public static PdfFile Open(byte[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Length > MaxSize)
        {
            throw new InvalidDataException($"The PDF is larger than {MaxSize / (1024 * 1024)} MB.");
        }

        var head = Encoding.ASCII.GetString(data, 0, Math.Min(data.Length, 1024));
        if (!head.Contains("%PDF-", StringComparison.Ordinal))
        {
            throw new InvalidDataException("The file is not a PDF (no %PDF- header).");
        }

        return new PdfFile(data);
    }

    /// <summary>Follows references until a direct value (null when dangling).</summary>
    public PdfValue? Resolve(PdfValue? value)
    {
        for (var hops = 0; value is PdfReference reference && hops < 32; hops++)
        {
            value = _objects.GetValueOrDefault(reference.Number);
        }

        return value is PdfReference ? null : value;
    }

    public PdfDictionary? ResolveDictionary(PdfValue? value) => Resolve(value) switch
    {
        PdfDictionary d => d,
        PdfStream s => s.Dictionary,
        _ => null,
    };

    /// <summary>The decoded content of a stream.</summary>
    public byte[] Decode(PdfStream stream) => StreamDecoder.Decode(stream, this);

    private void ScanObjects()
    {
        var position = 0;
        while (true)
        {
            var at = IndexOf(_data, " obj"u8, position);
            var atNewline = IndexOf(_data, "\nobj"u8, position);
            if (at < 0 || (atNewline >= 0 && atNewline < at))
            {
                at = atNewline;
            }

            if (at < 0)
            {
                return;
            }

            position = at + 4;
            if (!TryReadHeader(at, out var number, out var generation))
            {
                continue;
            }

            try
            {
                var lexer = new PdfLexer(_data, at + 4);
                var value = lexer.ReadValue();
                var after = lexer.Position;
                lexer.SkipWhitespace();
                if (value is PdfDictionary dictionary && lexer.Position + 6 <= _data.Length && Encoding.ASCII.GetString(_data, lexer.Position, 6) == "stream")
                {
                    var (raw, end) = ReadStreamData(dictionary, lexer.Position + 6);
                    value = new PdfStream(dictionary, raw);
                    after = end;
                }

                _objects[number] = value;
                _generations[number] = generation;
                position = Math.Max(position, after);
            }
            catch (InvalidDataException)
            {
                // A damaged object is skipped; the rest of the file may still hold what we need.
            }
            catch (FormatException)
            {
            }
        }
    }

    /// <summary>Reads "number generation" backwards from the whitespace before "obj".</summary>
    private bool TryReadHeader(int objKeyword, out int number, out int generation)
    {
        number = 0;
        generation = 0;
        var i = objKeyword + 1;
        while (i > 0 && PdfLexer.IsWhitespace(_data[i - 1]))
        {
            i--;
        }

        var generationEnd = i;
        while (i > 0 && _data[i - 1] is >= (byte)'0' and <= (byte)'9')
        {
            i--;
        }

        if (i == generationEnd || i == 0 || !PdfLexer.IsWhitespace(_data[i - 1]) || generationEnd - i > 5)
        {
            return false;
        }

        generation = int.Parse(Encoding.ASCII.GetString(_data, i, generationEnd - i), System.Globalization.CultureInfo.InvariantCulture);

        while (i > 0 && PdfLexer.IsWhitespace(_data[i - 1]))
        {
            i--;
        }

        var numberEnd = i;
        while (i > 0 && _data[i - 1] is >= (byte)'0' and <= (byte)'9')
        {
            i--;
        }

        if (i == numberEnd || numberEnd - i > 9)
        {
            return false;
        }

        number = int.Parse(Encoding.ASCII.GetString(_data, i, numberEnd - i), System.Globalization.CultureInfo.InvariantCulture);
        return true;
    }

    private (byte[] Raw, int End) ReadStreamData(PdfDictionary dictionary, int afterKeyword)
    {
        var start = afterKeyword;
        if (start < _data.Length && _data[start] == '\r')
        {
            start++;
        }

        if (start < _data.Length && _data[start] == '\n')
        {
            start++;
        }

        // /Length may be an indirect reference not scanned yet; fall back to searching for endstream.
        var length = -1;
        if (dictionary["Length"] is PdfNumber n)
        {
            length = (int)n.Value;
        }
        else if (dictionary["Length"] is PdfReference r && _objects.GetValueOrDefault(r.Number) is PdfNumber resolved)
        {
            length = (int)resolved.Value;
        }

        if (length >= 0 && start + length <= _data.Length)
        {
            var check = IndexOf(_data, "endstream"u8, start + length);
            if (check >= 0 && check - (start + length) <= 4)
            {
                return (_data.AsSpan(start, length).ToArray(), check + 9);
            }
        }

        var endstream = IndexOf(_data, "endstream"u8, start);
        if (endstream < 0)
        {
            throw new InvalidDataException("A PDF stream has no endstream.");
        }

        var dataEnd = endstream;
        if (dataEnd > start && _data[dataEnd - 1] == '\n')
        {
            dataEnd--;
        }

        if (dataEnd > start && _data[dataEnd - 1] == '\r')
        {
            dataEnd--;
        }

        return (_data.AsSpan(start, dataEnd - start).ToArray(), endstream + 9);
    }

    private void UnpackObjectStreams()
    {
        foreach (var stream in _objects.Values.OfType<PdfStream>().Where(s => s.Dictionary["Type"] is PdfName { Value: "ObjStm" }).ToList())
        {
            try
            {
                var content = Decode(stream);
                var count = (int)((stream.Dictionary["N"] as PdfNumber)?.Value ?? 0);
                var first = (int)((stream.Dictionary["First"] as PdfNumber)?.Value ?? 0);
                var header = new PdfLexer(content, 0);
                var entries = new List<(int Number, int Offset)>();
                for (var i = 0; i < count; i++)
                {
                    var number = (int)((PdfNumber)header.ReadValue()).Value;
                    var offset = (int)((PdfNumber)header.ReadValue()).Value;
                    entries.Add((number, offset));
                }

                foreach (var (number, offset) in entries)
                {
                    // Objects defined directly in the body after an update take precedence.
                    if (!_objects.ContainsKey(number))
                    {
                        _objects[number] = new PdfLexer(content, first + offset).ReadValue();
                    }
                }
            }
            catch (Exception e) when (e is InvalidDataException or InvalidCastException or FormatException)
            {
                // An unreadable object stream leaves its objects missing; callers report what they cannot find.
            }
        }
    }

    private void FindTrailers()
    {
        var position = 0;
        while ((position = IndexOf(_data, "trailer"u8, position)) >= 0)
        {
            try
            {
                if (new PdfLexer(_data, position + 7).ReadValue() is PdfDictionary trailer)
                {
                    _trailers.Add(trailer);
                }
            }
            catch (InvalidDataException)
            {
            }

            position += 7;
        }

        _trailers.AddRange(_objects.Values.OfType<PdfStream>().Where(s => s.Dictionary["Type"] is PdfName { Value: "XRef" }).Select(s => s.Dictionary));
        IsEncrypted = _trailers.Any(t => t["Encrypt"] is not null);
    }

    /// <summary>
    /// Decrypts every object of a file encrypted with an empty user password (<see cref="PdfDecryption"/>), before
    /// object streams are unpacked: the objects inside one are encrypted only as part of its stream. The encryption
    /// dictionary and cross-reference streams are never encrypted.
    /// </summary>
    private void Decrypt()
    {
        var trailer = _trailers.LastOrDefault(t => t["Encrypt"] is not null);
        if (trailer is null)
        {
            return;
        }

        var encryptReference = trailer["Encrypt"] as PdfReference;
        var encrypt = ResolveDictionary(trailer["Encrypt"]) ?? throw new InvalidDataException("The PDF's encryption dictionary is missing.");
        var firstId = Resolve(trailer["ID"]) is PdfArray { Items: [PdfBytes id, ..] } ? id.Value : [];
        var decryption = PdfDecryption.Open(encrypt, firstId);
        foreach (var number in _objects.Keys.ToList())
        {
            var value = _objects[number];
            if (number == encryptReference?.Number || value is PdfStream { Dictionary: var d } && d["Type"] is PdfName { Value: "XRef" })
            {
                continue;
            }

            _objects[number] = decryption.Decrypt(value, number, _generations.GetValueOrDefault(number));
        }
    }

    private void FindCatalog()
    {
        var root = _trailers.Select(t => ResolveDictionary(t["Root"])).LastOrDefault(d => d is not null)
            ?? _objects.Values.OfType<PdfDictionary>().LastOrDefault(d => d["Type"] is PdfName { Value: "Catalog" })
            ?? throw new InvalidDataException("The PDF has no document catalog.");
        Catalog = root;
    }

    private static int IndexOf(byte[] data, ReadOnlySpan<byte> pattern, int from)
    {
        if (from >= data.Length)
        {
            return -1;
        }

        var index = data.AsSpan(from).IndexOf(pattern);
        return index < 0 ? -1 : from + index;
    }
}
