namespace Comptoir.Server.Http.Json;

/// <summary>
/// A JSON body refused by the strict reader or by a rule reading through it. <see cref="Pointer"/> names the field
/// (RFC 6901, "" for the whole document). The API answers <see cref="Status"/> with the error envelope; the CLI prints
/// <see cref="Exception.Message"/>, which starts with the pointer.
/// </summary>
public sealed class JsonBodyException : Exception
{
    private JsonBodyException(int status, string code, string pointer, string detail)
        : base(pointer.Length == 0 ? detail : $"{pointer}: {detail}")
    {
        Status = status;
        Code = code;
        Pointer = pointer;
        Detail = detail;
    }

    /// <summary>400 for a body that is not JSON text, 413 for one too large, 422 for a field's value.</summary>
    public int Status { get; }

    /// <summary>The envelope's machine code: invalid_json, payload_too_large, invalid, invalid_type, required, too_long, not_in_list.</summary>
    public string Code { get; }

    public string Pointer { get; }

    /// <summary>One sentence for a person, without the pointer.</summary>
    public string Detail { get; }

    /// <summary>The body is not a JSON object in valid UTF-8 (400).</summary>
    public static JsonBodyException Malformed(string pointer, string detail) => new(400, "invalid_json", pointer, detail);

    /// <summary>The body is longer than <paramref name="maxBytes"/> (413).</summary>
    public static JsonBodyException TooLarge(int maxBytes) =>
        new(413, "payload_too_large", string.Empty, $"The JSON body is larger than {maxBytes / (1024 * 1024)} MB.");

    /// <summary>A field's value breaks a rule (422).</summary>
    public static JsonBodyException Invalid(string pointer, string code, string detail) => new(422, code, pointer, detail);
}
