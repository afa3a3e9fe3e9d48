namespace Comptoir.FacturX.Reading;

/// <summary>A file embedded in a PDF.</summary>
/// <param name="Name">Its file name (/UF, else /F).</param>
/// <param name="Content">The decoded bytes.</param>
/// <param name="MimeType">The embedded file's /Subtype, e.g. text/xml.</param>
/// <param name="Relationship">/AFRelationship of its file specification (Alternative, Data, Source...), if any.</param>
/// <param name="ModDate">The /Params /ModDate string, if any.</param>
/// <param name="InCatalogAf">Whether the catalog's /AF array lists it (PDF/A-3 associated file).</param>
public sealed record EmbeddedFile(string Name, byte[] Content, string? MimeType, string? Relationship, string? ModDate, bool InCatalogAf);
