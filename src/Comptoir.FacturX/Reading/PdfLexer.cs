using System.Globalization;
using System.Text;

namespace Comptoir.FacturX.Reading;

/// <summary>Parses PDF object syntax from a byte buffer. Malformed input raises <see cref="InvalidDataException"/>.</summary>
internal sealed class PdfLexer(byte[] data, int position)
{
    private const int MaxDepth = 64;

    public int Position { get; set; } = position;

    public PdfValue ReadValue(int depth = 0)
    {
        if (depth > MaxDepth)
        {
            throw new InvalidDataException("PDF objects are nested too deeply.");
        }

        SkipWhitespace();
        if (Position >= data.Length)
        {
            throw new InvalidDataException("Unexpected end of PDF data.");
        }

        var c = data[Position];
        switch (c)
        {
            case (byte)'/':
                return new PdfName(ReadName());
            case (byte)'(':
                return new PdfBytes(ReadLiteralString());
            case (byte)'<' when Peek(1) == '<':
                return ReadDictionary(depth);
            case (byte)'<':
                return new PdfBytes(ReadHexString());
            case (byte)'[':
                return ReadArray(depth);
        }

        if (c is (byte)'+' or (byte)'-' or (byte)'.' || IsDigit(c))
        {
            var number = ReadNumber();
            // "n g R" is an indirect reference.
            var save = Position;
            SkipWhitespace();
            if (Position < data.Length && IsDigit(data[Position]) && number == Math.Floor(number))
            {
                var generation = ReadNumber();
                SkipWhitespace();
                if (Position < data.Length && data[Position] == 'R' && (Position + 1 >= data.Length || IsDelimiterOrSpace(data[Position + 1])))
                {
                    Position++;
                    return new PdfReference((int)number, (int)generation);
                }
            }

            Position = save;
            return new PdfNumber(number);
        }

        var keyword = ReadKeyword();
        return keyword switch
        {
            "true" => new PdfBoolean(true),
            "false" => new PdfBoolean(false),
            "null" => PdfNull.Instance,
            _ => throw new InvalidDataException($"Unexpected PDF token '{keyword}' at offset {Position}."),
        };
    }

    public string ReadKeyword()
    {
        SkipWhitespace();
        var start = Position;
        while (Position < data.Length && !IsDelimiterOrSpace(data[Position]))
        {
            Position++;
        }

        if (Position == start)
        {
            throw new InvalidDataException($"Unexpected character at offset {Position}.");
        }

        return Encoding.ASCII.GetString(data, start, Position - start);
    }

    public void SkipWhitespace()
    {
        while (Position < data.Length)
        {
            var c = data[Position];
            if (c == '%')
            {
                while (Position < data.Length && data[Position] != '\n' && data[Position] != '\r')
                {
                    Position++;
                }
            }
            else if (IsWhitespace(c))
            {
                Position++;
            }
            else
            {
                return;
            }
        }
    }

    private PdfDictionary ReadDictionary(int depth)
    {
        Position += 2;
        var entries = new Dictionary<string, PdfValue>(StringComparer.Ordinal);
        while (true)
        {
            SkipWhitespace();
            if (Position + 1 < data.Length && data[Position] == '>' && data[Position + 1] == '>')
            {
                Position += 2;
                return new PdfDictionary(entries);
            }

            if (Position >= data.Length || data[Position] != '/')
            {
                throw new InvalidDataException($"Expected a name in a dictionary at offset {Position}.");
            }

            var key = ReadName();
            entries[key] = ReadValue(depth + 1);
        }
    }

    private PdfArray ReadArray(int depth)
    {
        Position++;
        var items = new List<PdfValue>();
        while (true)
        {
            SkipWhitespace();
            if (Position < data.Length && data[Position] == ']')
            {
                Position++;
                return new PdfArray(items);
            }

            items.Add(ReadValue(depth + 1));
        }
    }

    private string ReadName()
    {
        Position++;
        var builder = new StringBuilder();
        while (Position < data.Length && !IsDelimiterOrSpace(data[Position]))
        {
            var c = data[Position++];
            if (c == '#' && Position + 1 < data.Length && IsHex(data[Position]) && IsHex(data[Position + 1]))
            {
                builder.Append((char)Convert.ToByte(Encoding.ASCII.GetString(data, Position, 2), 16));
                Position += 2;
            }
            else
            {
                builder.Append((char)c);
            }
        }

        return builder.ToString();
    }

    private byte[] ReadLiteralString()
    {
        Position++;
        var output = new List<byte>();
        var depth = 1;
        while (Position < data.Length)
        {
            var c = data[Position++];
            if (c == '\\' && Position < data.Length)
            {
                var e = data[Position++];
                switch (e)
                {
                    case (byte)'n': output.Add((byte)'\n'); break;
                    case (byte)'r': output.Add((byte)'\r'); break;
                    case (byte)'t': output.Add((byte)'\t'); break;
                    case (byte)'b': output.Add(8); break;
                    case (byte)'f': output.Add(12); break;
                    case (byte)'\r':
                        if (Position < data.Length && data[Position] == '\n')
                        {
                            Position++;
                        }

                        break;
                    case (byte)'\n': break;
                    case >= (byte)'0' and <= (byte)'7':
                        var value = e - '0';
                        for (var i = 0; i < 2 && Position < data.Length && data[Position] is >= (byte)'0' and <= (byte)'7'; i++)
                        {
                            value = (value * 8) + (data[Position++] - '0');
                        }

                        output.Add((byte)value);
                        break;
                    default: output.Add(e); break;
                }
            }
            else if (c == '(')
            {
                depth++;
                output.Add(c);
            }
            else if (c == ')')
            {
                if (--depth == 0)
                {
                    return output.ToArray();
                }

                output.Add(c);
            }
            else
            {
                output.Add(c);
            }
        }

        throw new InvalidDataException("Unterminated string in PDF.");
    }

    private byte[] ReadHexString()
    {
        Position++;
        var digits = new StringBuilder();
        while (Position < data.Length && data[Position] != '>')
        {
            var c = data[Position++];
            if (IsHex(c))
            {
                digits.Append((char)c);
            }
        }

        Position++;
        if (digits.Length % 2 == 1)
        {
            digits.Append('0');
        }

        return Convert.FromHexString(digits.ToString());
    }

    private double ReadNumber()
    {
        var start = Position;
        while (Position < data.Length && (IsDigit(data[Position]) || data[Position] is (byte)'+' or (byte)'-' or (byte)'.'))
        {
            Position++;
        }

        var text = Encoding.ASCII.GetString(data, start, Position - start);
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            throw new InvalidDataException($"Bad number '{text}' in PDF.");
        }

        return value;
    }

    private char Peek(int ahead) => Position + ahead < data.Length ? (char)data[Position + ahead] : '\0';

    internal static bool IsWhitespace(byte c) => c is 0 or 9 or 10 or 12 or 13 or 32;

    private static bool IsDigit(byte c) => c is >= (byte)'0' and <= (byte)'9';

    private static bool IsHex(byte c) => c is >= (byte)'0' and <= (byte)'9' or >= (byte)'a' and <= (byte)'f' or >= (byte)'A' and <= (byte)'F';

    private static bool IsDelimiterOrSpace(byte c) => IsWhitespace(c) || c is (byte)'(' or (byte)')' or (byte)'<' or (byte)'>' or (byte)'[' or (byte)']' or (byte)'{' or (byte)'}' or (byte)'/' or (byte)'%';
}
