using System.Text;

namespace Comptoir.FacturX.Pdf;

/// <summary>
/// A minimal ICC v2 display profile for sRGB (IEC 61966-2-1), built from the published colorimetry: D50-adapted
/// primaries, the D65 media white point and the sRGB tone curve as a 1024-entry table. PDF/A's OutputIntent needs
/// one; building it here avoids shipping a third-party profile with its own licence.
/// </summary>
internal static class SrgbIccProfile
{
    private static readonly Lazy<byte[]> Cached = new(Build);

    public static byte[] Bytes => Cached.Value;

    private static byte[] Build()
    {
        var tags = new List<(string Tag, byte[] Data)>
        {
            ("desc", TextDescription("sRGB IEC61966-2.1 (Comptoir)")),
            ("cprt", Text("No copyright, use freely")),
            ("wtpt", Xyz(0.9505, 1.0, 1.0890)),
            ("rXYZ", Xyz(0.4360747, 0.2225045, 0.0139322)),
            ("gXYZ", Xyz(0.3850649, 0.7168786, 0.0971045)),
            ("bXYZ", Xyz(0.1430804, 0.0606169, 0.7141733)),
        };
        var curve = ToneCurve();
        tags.Add(("rTRC", curve));
        tags.Add(("gTRC", curve));
        tags.Add(("bTRC", curve));

        var tableLength = 4 + (tags.Count * 12);
        var dataStart = 128 + tableLength;
        var profile = new MemoryStream();
        profile.Write(new byte[128]);
        var table = new byte[tableLength];
        WriteU32(table, 0, (uint)tags.Count);
        var offsets = new Dictionary<byte[], int>(ReferenceEqualityComparer.Instance);
        var body = new MemoryStream();
        for (var i = 0; i < tags.Count; i++)
        {
            var (tag, data) = tags[i];
            if (!offsets.TryGetValue(data, out var at))
            {
                at = dataStart + (int)body.Length;
                offsets[data] = at;
                body.Write(data);
                while (body.Length % 4 != 0)
                {
                    body.WriteByte(0);
                }
            }

            Encoding.ASCII.GetBytes(tag, table.AsSpan(4 + (i * 12), 4));
            WriteU32(table, 8 + (i * 12), (uint)at);
            WriteU32(table, 12 + (i * 12), (uint)data.Length);
        }

        profile.Write(table);
        body.Position = 0;
        body.CopyTo(profile);
        var bytes = profile.ToArray();

        WriteU32(bytes, 0, (uint)bytes.Length);
        Encoding.ASCII.GetBytes("none", bytes.AsSpan(4, 4));
        bytes[8] = 2; bytes[9] = 0x10; // version 2.1.0
        Encoding.ASCII.GetBytes("mntr", bytes.AsSpan(12, 4));
        Encoding.ASCII.GetBytes("RGB ", bytes.AsSpan(16, 4));
        Encoding.ASCII.GetBytes("XYZ ", bytes.AsSpan(20, 4));
        WriteDate(bytes, 24);
        Encoding.ASCII.GetBytes("acsp", bytes.AsSpan(36, 4));
        WriteS15Fixed16(bytes, 68, 0.9642);
        WriteS15Fixed16(bytes, 72, 1.0);
        WriteS15Fixed16(bytes, 76, 0.8249);
        return bytes;
    }

    private static void WriteDate(byte[] bytes, int at)
    {
        ushort[] parts = [2026, 1, 1, 0, 0, 0];
        for (var i = 0; i < parts.Length; i++)
        {
            bytes[at + (i * 2)] = (byte)(parts[i] >> 8);
            bytes[at + (i * 2) + 1] = (byte)parts[i];
        }
    }

    private static byte[] ToneCurve()
    {
        const int entries = 1024;
        var data = new byte[12 + (entries * 2)];
        Encoding.ASCII.GetBytes("curv", data.AsSpan(0, 4));
        WriteU32(data, 8, entries);
        for (var i = 0; i < entries; i++)
        {
            var v = i / (double)(entries - 1);
            var linear = v <= 0.04045 ? v / 12.92 : Math.Pow((v + 0.055) / 1.055, 2.4);
            var value = (ushort)Math.Round(linear * 65535);
            data[12 + (i * 2)] = (byte)(value >> 8);
            data[13 + (i * 2)] = (byte)value;
        }

        return data;
    }

    private static byte[] Xyz(double x, double y, double z)
    {
        var data = new byte[20];
        Encoding.ASCII.GetBytes("XYZ ", data.AsSpan(0, 4));
        WriteS15Fixed16(data, 8, x);
        WriteS15Fixed16(data, 12, y);
        WriteS15Fixed16(data, 16, z);
        return data;
    }

    private static byte[] Text(string text)
    {
        var data = new byte[8 + text.Length + 1];
        Encoding.ASCII.GetBytes("text", data.AsSpan(0, 4));
        Encoding.ASCII.GetBytes(text, data.AsSpan(8));
        return data;
    }

    private static byte[] TextDescription(string text)
    {
        // textDescriptionType: ASCII part, then empty Unicode and ScriptCode parts (67 bytes of script data).
        var ascii = text.Length + 1;
        var data = new byte[8 + 4 + ascii + 4 + 4 + 2 + 1 + 67];
        Encoding.ASCII.GetBytes("desc", data.AsSpan(0, 4));
        WriteU32(data, 8, (uint)ascii);
        Encoding.ASCII.GetBytes(text, data.AsSpan(12));
        return data;
    }

    private static void WriteS15Fixed16(byte[] data, int at, double value) =>
        WriteU32(data, at, unchecked((uint)(int)Math.Round(value * 65536)));

    private static void WriteU32(byte[] data, int at, uint value)
    {
        data[at] = (byte)(value >> 24);
        data[at + 1] = (byte)(value >> 16);
        data[at + 2] = (byte)(value >> 8);
        data[at + 3] = (byte)value;
    }
}
