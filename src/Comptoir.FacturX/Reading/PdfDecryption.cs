using System.Security.Cryptography;

namespace Comptoir.FacturX.Reading;

/// <summary>
/// The PDF standard security handler, for files encrypted with an empty user password (anyone may open them; the
/// owner password only restricts editing or printing): RC4 40 and 128 bits (revisions 2 and 3), RC4 or AES-128
/// crypt filters (revision 4), and AES-256 (revisions 5 and 6). It finds the file key from the empty password
/// (ISO 32000-1 algorithms 2 and 6, ISO 32000-2 algorithm 2.A/2.B), then decrypts each object's strings and streams.
/// A file that needs a non-empty password is refused with a message saying so.
/// </summary>
internal sealed class PdfDecryption
{
    /// <summary>The 32-byte padding string of algorithm 2.</summary>
    private static readonly byte[] Padding =
    [
        0x28, 0xBF, 0x4E, 0x5E, 0x4E, 0x75, 0x8A, 0x41, 0x64, 0x00, 0x4E, 0x56, 0xFF, 0xFA, 0x01, 0x08,
        0x2E, 0x2E, 0x00, 0xB6, 0xD0, 0x68, 0x3E, 0x80, 0x2F, 0x0C, 0xA9, 0xFE, 0x64, 0x53, 0x69, 0x7A,
    ];

    private readonly byte[] _fileKey;
    private readonly Cipher _strings;
    private readonly Cipher _streams;
    private readonly int _revision;

    private PdfDecryption(byte[] fileKey, int revision, Cipher strings, Cipher streams)
    {
        _fileKey = fileKey;
        _revision = revision;
        _strings = strings;
        _streams = streams;
    }

    private enum Cipher
    {
        None,
        Rc4,
        Aes,
    }

    /// <summary>Whether the Metadata stream is left in clear (/EncryptMetadata false).</summary>
    public bool MetadataInClear { get; private init; }

    /// <summary>Reads the encryption dictionary and derives the file key from the empty user password.</summary>
    /// <exception cref="InvalidDataException">Not the standard handler, an unknown revision, or a user password is needed.</exception>
    public static PdfDecryption Open(PdfDictionary encrypt, byte[] firstId)
    {
        if (encrypt["Filter"] is not PdfName { Value: "Standard" })
        {
            throw new InvalidDataException("The PDF is encrypted with a security handler other than the standard one (a certificate or a plug-in); it cannot be read.");
        }

        var version = Integer(encrypt["V"], 0);
        var revision = Integer(encrypt["R"], 0);
        var owner = Bytes(encrypt["O"]);
        var user = Bytes(encrypt["U"]);
        var encryptMetadata = encrypt["EncryptMetadata"] is not PdfBoolean { Value: false };
        var (strings, streams) = Ciphers(encrypt, version);
        var fileKey = revision switch
        {
            2 or 3 or 4 => Rc4EraKey(encrypt, revision, version, owner, user, firstId, encryptMetadata),
            5 or 6 => AesKey(encrypt, revision, user),
            _ => throw new InvalidDataException($"The PDF uses security handler revision {revision}, which this reader does not know."),
        };
        return new PdfDecryption(fileKey, revision, strings, streams) { MetadataInClear = !encryptMetadata };
    }

    /// <summary>Decrypts every string and stream of the indirect object <paramref name="number"/>/<paramref name="generation"/>.</summary>
    public PdfValue Decrypt(PdfValue value, int number, int generation)
    {
        byte[]? stringKey = _strings == Cipher.None ? null : ObjectKey(number, generation, _strings);
        byte[]? streamKey = _streams == Cipher.None ? null : ObjectKey(number, generation, _streams);
        return Walk(value, stringKey, streamKey);
    }

    private PdfValue Walk(PdfValue value, byte[]? stringKey, byte[]? streamKey) => value switch
    {
        PdfBytes text when stringKey is not null => new PdfBytes(Run(_strings, stringKey, text.Value)),
        PdfArray array => new PdfArray(array.Items.Select(i => Walk(i, stringKey, streamKey)).ToList()),
        PdfDictionary dictionary => WalkDictionary(dictionary, stringKey, streamKey),
        PdfStream stream => new PdfStream(
            WalkDictionary(stream.Dictionary, stringKey, streamKey),
            streamKey is null || IsClearMetadata(stream.Dictionary) ? stream.RawData : Run(_streams, streamKey, stream.RawData)),
        _ => value,
    };

    private PdfDictionary WalkDictionary(PdfDictionary dictionary, byte[]? stringKey, byte[]? streamKey) =>
        new(dictionary.Entries.ToDictionary(e => e.Key, e => Walk(e.Value, stringKey, streamKey), StringComparer.Ordinal));

    private bool IsClearMetadata(PdfDictionary dictionary) => MetadataInClear && dictionary["Type"] is PdfName { Value: "Metadata" };

    private static byte[] Run(Cipher cipher, byte[] key, byte[] data) => cipher switch
    {
        Cipher.Rc4 => Rc4.Apply(key, data),
        Cipher.Aes => AesDecrypt(key, data),
        _ => data,
    };

    /// <summary>AES-CBC with the IV in the first 16 bytes and PKCS#7 padding; a damaged string decrypts to nothing.</summary>
    private static byte[] AesDecrypt(byte[] key, byte[] data)
    {
        if (data.Length < 32 || data.Length % 16 != 0)
        {
            return [];
        }

        using var aes = Aes.Create();
        aes.Key = key;
        try
        {
            return aes.DecryptCbc(data.AsSpan(16), data.AsSpan(0, 16), PaddingMode.PKCS7);
        }
        catch (CryptographicException)
        {
            return [];
        }
    }

    /// <summary>Algorithm 1: the per-object key (revisions 2 to 4); AES-256 uses the file key itself.</summary>
    private byte[] ObjectKey(int number, int generation, Cipher cipher)
    {
        if (_revision >= 5)
        {
            return _fileKey;
        }

        var input = new byte[_fileKey.Length + 5 + (cipher == Cipher.Aes ? 4 : 0)];
        _fileKey.CopyTo(input, 0);
        input[_fileKey.Length] = (byte)number;
        input[_fileKey.Length + 1] = (byte)(number >> 8);
        input[_fileKey.Length + 2] = (byte)(number >> 16);
        input[_fileKey.Length + 3] = (byte)generation;
        input[_fileKey.Length + 4] = (byte)(generation >> 8);
        if (cipher == Cipher.Aes)
        {
            "sAlT"u8.CopyTo(input.AsSpan(_fileKey.Length + 5));
        }

        var hash = MD5.HashData(input);
        return hash[..Math.Min(_fileKey.Length + 5, 16)];
    }

    /// <summary>Which cipher strings and streams use: RC4 before V4; from V4 the named crypt filters.</summary>
    private static (Cipher Strings, Cipher Streams) Ciphers(PdfDictionary encrypt, int version)
    {
        if (version < 4)
        {
            return (Cipher.Rc4, Cipher.Rc4);
        }

        var filters = encrypt["CF"] as PdfDictionary;
        Cipher Filter(string key)
        {
            var name = (encrypt[key] as PdfName)?.Value ?? "Identity";
            if (name == "Identity")
            {
                return Cipher.None;
            }

            var method = ((filters?[name] as PdfDictionary)?["CFM"] as PdfName)?.Value;
            return method switch
            {
                "V2" => Cipher.Rc4,
                "AESV2" or "AESV3" => Cipher.Aes,
                "None" => Cipher.None,
                _ => throw new InvalidDataException($"The PDF uses the crypt filter method {method ?? "(none)"}, which this reader does not know."),
            };
        }

        return (Filter("StrF"), Filter("StmF"));
    }

    /// <summary>Algorithm 2 with the empty password, checked against /U (algorithms 4 and 5).</summary>
    private static byte[] Rc4EraKey(PdfDictionary encrypt, int revision, int version, byte[] owner, byte[] user, byte[] firstId, bool encryptMetadata)
    {
        var length = revision == 2 ? 5 : Integer(encrypt["Length"], 40) / 8;
        if (version >= 4 && revision == 4)
        {
            length = 16;
        }

        if (length is < 5 or > 16)
        {
            throw new InvalidDataException("The PDF's encryption key length is invalid.");
        }

        var permissions = Integer(encrypt["P"], 0);
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        md5.AppendData(Padding);
        md5.AppendData(owner.AsSpan(0, Math.Min(owner.Length, 32)));
        md5.AppendData([(byte)permissions, (byte)(permissions >> 8), (byte)(permissions >> 16), (byte)(permissions >> 24)]);
        md5.AppendData(firstId);
        if (revision >= 4 && !encryptMetadata)
        {
            md5.AppendData([0xFF, 0xFF, 0xFF, 0xFF]);
        }

        var key = md5.GetHashAndReset();
        if (revision >= 3)
        {
            for (var i = 0; i < 50; i++)
            {
                key = MD5.HashData(key.AsSpan(0, length));
            }
        }

        key = key[..length];
        if (!UserPasswordIsEmpty(key, revision, user, firstId))
        {
            throw new InvalidDataException("The PDF is protected by a password needed to open it; it cannot be read.");
        }

        return key;
    }

    private static bool UserPasswordIsEmpty(byte[] key, int revision, byte[] user, byte[] firstId)
    {
        if (revision == 2)
        {
            return user.Length >= 32 && Rc4.Apply(key, Padding).AsSpan().SequenceEqual(user.AsSpan(0, 32));
        }

        var check = Rc4.Apply(key, MD5.HashData([.. Padding, .. firstId]));
        var round = new byte[key.Length];
        for (var i = 1; i <= 19; i++)
        {
            for (var k = 0; k < key.Length; k++)
            {
                round[k] = (byte)(key[k] ^ i);
            }

            check = Rc4.Apply(round, check);
        }

        return user.Length >= 16 && check.AsSpan().SequenceEqual(user.AsSpan(0, 16));
    }

    /// <summary>Algorithm 2.A with the empty password: check /U's hash, then unwrap /UE into the file key.</summary>
    private static byte[] AesKey(PdfDictionary encrypt, int revision, byte[] user)
    {
        var userKey = Bytes(encrypt["UE"]);
        if (user.Length < 48 || userKey.Length < 32)
        {
            throw new InvalidDataException("The PDF's AES-256 encryption dictionary is incomplete.");
        }

        var validationSalt = user.AsSpan(32, 8).ToArray();
        var keySalt = user.AsSpan(40, 8).ToArray();
        if (!Hash(revision, validationSalt).AsSpan().SequenceEqual(user.AsSpan(0, 32)))
        {
            throw new InvalidDataException("The PDF is protected by a password needed to open it; it cannot be read.");
        }

        using var aes = Aes.Create();
        aes.Key = Hash(revision, keySalt);
        return aes.DecryptCbc(userKey.AsSpan(0, 32), new byte[16], PaddingMode.None);
    }

    /// <summary>The password hash of the empty password: SHA-256 for revision 5, algorithm 2.B for revision 6.</summary>
    private static byte[] Hash(int revision, byte[] salt)
    {
        var k = SHA256.HashData(salt);
        if (revision == 5)
        {
            return k;
        }

        using var aes = Aes.Create();
        for (var round = 0; ; round++)
        {
            // K1 is 64 repetitions of (password + K + user data); the password and user data are empty here.
            var k1 = new byte[k.Length * 64];
            for (var i = 0; i < 64; i++)
            {
                k.CopyTo(k1, i * k.Length);
            }

            aes.Key = k[..16];
            var e = aes.EncryptCbc(k1, k.AsSpan(16, 16), PaddingMode.None);
            var sum = 0;
            for (var i = 0; i < 16; i++)
            {
                sum += e[i];
            }

            k = (sum % 3) switch
            {
                0 => SHA256.HashData(e),
                1 => SHA384.HashData(e),
                _ => SHA512.HashData(e),
            };
            if (round >= 63 && e[^1] <= round + 1 - 32)
            {
                return k[..32];
            }
        }
    }

    private static int Integer(PdfValue? value, int fallback) => value is PdfNumber n ? (int)n.Value : fallback;

    private static byte[] Bytes(PdfValue? value) => value is PdfBytes b ? b.Value : [];
}
