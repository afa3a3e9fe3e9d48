using System.Buffers.Binary;

namespace Comptoir.FacturX.Fonts;

/// <summary>Big-endian reads over a font file, with bounds checks that turn a corrupt font into a clear error.</summary>
internal static class BigEndian
{
    public static ushort U16(ReadOnlySpan<byte> data, int offset) => BinaryPrimitives.ReadUInt16BigEndian(Slice(data, offset, 2));

    public static short I16(ReadOnlySpan<byte> data, int offset) => BinaryPrimitives.ReadInt16BigEndian(Slice(data, offset, 2));

    public static uint U32(ReadOnlySpan<byte> data, int offset) => BinaryPrimitives.ReadUInt32BigEndian(Slice(data, offset, 4));

    public static void WriteU16(Span<byte> data, int offset, int value) => BinaryPrimitives.WriteUInt16BigEndian(data[offset..], (ushort)value);

    public static void WriteU32(Span<byte> data, int offset, uint value) => BinaryPrimitives.WriteUInt32BigEndian(data[offset..], value);

    private static ReadOnlySpan<byte> Slice(ReadOnlySpan<byte> data, int offset, int length)
    {
        if (offset < 0 || offset + length > data.Length)
        {
            throw new InvalidDataException($"Font data is truncated at offset {offset}.");
        }

        return data.Slice(offset, length);
    }
}
