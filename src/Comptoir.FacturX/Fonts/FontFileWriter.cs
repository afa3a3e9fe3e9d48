using System.Text;

namespace Comptoir.FacturX.Fonts;

/// <summary>Assembles an sfnt file from tables: directory, 4-byte alignment, checksums and head.checkSumAdjustment.</summary>
internal static class FontFileWriter
{
    public static byte[] Write(SortedDictionary<string, byte[]> tables)
    {
        var count = tables.Count;
        var entrySelector = (int)Math.Floor(Math.Log2(count));
        var searchRange = (1 << entrySelector) * 16;
        var headerLength = 12 + (count * 16);
        var total = headerLength + tables.Values.Sum(t => Align(t.Length));
        var file = new byte[total];

        BigEndian.WriteU32(file, 0, 0x00010000);
        BigEndian.WriteU16(file, 4, count);
        BigEndian.WriteU16(file, 6, searchRange);
        BigEndian.WriteU16(file, 8, entrySelector);
        BigEndian.WriteU16(file, 10, (count * 16) - searchRange);

        var offset = headerLength;
        var record = 12;
        var headOffset = -1;
        foreach (var (tag, data) in tables)
        {
            Encoding.ASCII.GetBytes(tag, file.AsSpan(record, 4));
            BigEndian.WriteU32(file, record + 4, Checksum(data));
            BigEndian.WriteU32(file, record + 8, (uint)offset);
            BigEndian.WriteU32(file, record + 12, (uint)data.Length);
            data.CopyTo(file, offset);
            if (tag == "head")
            {
                headOffset = offset;
            }

            offset += Align(data.Length);
            record += 16;
        }

        if (headOffset >= 0)
        {
            BigEndian.WriteU32(file, headOffset + 8, unchecked(0xB1B0AFBA - Checksum(file)));
        }

        return file;
    }

    private static int Align(int length) => (length + 3) & ~3;

    private static uint Checksum(ReadOnlySpan<byte> data)
    {
        uint sum = 0;
        for (var i = 0; i < data.Length; i += 4)
        {
            uint word = 0;
            for (var j = 0; j < 4; j++)
            {
                word = (word << 8) | (i + j < data.Length ? data[i + j] : 0u);
            }

            sum = unchecked(sum + word);
        }

        return sum;
    }
}
