using System.IO.Compression;

namespace Comptoir.FacturX.Reading;

/// <summary>Applies a stream's filters: FlateDecode (with PNG/TIFF predictors) and ASCIIHexDecode.</summary>
internal static class StreamDecoder
{
    /// <summary>Decoded streams larger than this are refused (protects against compression bombs).</summary>
    public const int MaxDecodedSize = 64 * 1024 * 1024;

    public static byte[] Decode(PdfStream stream, PdfFile file)
    {
        var filters = file.Resolve(stream.Dictionary["Filter"]) switch
        {
            PdfName name => [name.Value],
            PdfArray array => array.Items.Select(i => (file.Resolve(i) as PdfName)?.Value ?? string.Empty).ToList(),
            _ => new List<string>(),
        };
        var parameters = file.Resolve(stream.Dictionary["DecodeParms"]) switch
        {
            PdfDictionary d => [d],
            PdfArray array => array.Items.Select(i => file.Resolve(i) as PdfDictionary).ToList(),
            _ => new List<PdfDictionary?>(),
        };

        var data = stream.RawData;
        for (var i = 0; i < filters.Count; i++)
        {
            var parms = i < parameters.Count ? parameters[i] : null;
            data = filters[i] switch
            {
                "FlateDecode" or "Fl" => Predict(Inflate(data), parms),
                "ASCIIHexDecode" or "AHx" => AsciiHex(data),
                _ => throw new InvalidDataException($"Unsupported PDF stream filter /{filters[i]}."),
            };
        }

        return data;
    }

    private static byte[] Inflate(byte[] data)
    {
        try
        {
            return Copy(new ZLibStream(new MemoryStream(data), CompressionMode.Decompress));
        }
        catch (InvalidDataException)
        {
            // Some producers write raw deflate, or a zlib header with a bad checksum.
            var skip = data.Length > 2 && data[0] == 0x78 ? 2 : 0;
            return Copy(new DeflateStream(new MemoryStream(data, skip, data.Length - skip), CompressionMode.Decompress));
        }
    }

    private static byte[] Copy(Stream source)
    {
        using (source)
        {
            using var output = new MemoryStream();
            var buffer = new byte[81920];
            int read;
            while ((read = source.Read(buffer, 0, buffer.Length)) > 0)
            {
                if (output.Length + read > MaxDecodedSize)
                {
                    throw new InvalidDataException("A PDF stream decodes to more than 64 MB.");
                }

                output.Write(buffer, 0, read);
            }

            return output.ToArray();
        }
    }

    private static byte[] Predict(byte[] data, PdfDictionary? parms)
    {
        var predictor = (int)((parms?["Predictor"] as PdfNumber)?.Value ?? 1);
        if (predictor < 10)
        {
            return data;
        }

        var colors = (int)((parms?["Colors"] as PdfNumber)?.Value ?? 1);
        var bits = (int)((parms?["BitsPerComponent"] as PdfNumber)?.Value ?? 8);
        var columns = (int)((parms?["Columns"] as PdfNumber)?.Value ?? 1);
        var bytesPerPixel = Math.Max(1, colors * bits / 8);
        var rowLength = ((columns * colors * bits) + 7) / 8;
        var output = new MemoryStream();
        var previous = new byte[rowLength];
        var row = new byte[rowLength];
        for (var at = 0; at + rowLength < data.Length + 1 && at < data.Length; at += rowLength + 1)
        {
            var type = data[at];
            var available = Math.Min(rowLength, data.Length - at - 1);
            Array.Clear(row);
            Array.Copy(data, at + 1, row, 0, available);
            for (var i = 0; i < rowLength; i++)
            {
                var left = i >= bytesPerPixel ? row[i - bytesPerPixel] : 0;
                var up = previous[i];
                var upLeft = i >= bytesPerPixel ? previous[i - bytesPerPixel] : 0;
                row[i] = type switch
                {
                    1 => (byte)(row[i] + left),
                    2 => (byte)(row[i] + up),
                    3 => (byte)(row[i] + ((left + up) / 2)),
                    4 => (byte)(row[i] + Paeth(left, up, upLeft)),
                    _ => row[i],
                };
            }

            output.Write(row, 0, rowLength);
            (previous, row) = (row, previous);
        }

        return output.ToArray();
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    private static byte[] AsciiHex(byte[] data)
    {
        var text = new string(data.Select(b => (char)b).TakeWhile(c => c != '>').Where(Uri.IsHexDigit).ToArray());
        return Convert.FromHexString(text.Length % 2 == 0 ? text : text + "0");
    }
}
