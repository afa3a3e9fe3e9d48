namespace Comptoir.FacturX.Pdf;

/// <summary>A file embedded in the PDF and declared as an associated file of the document (PDF/A-3 /AF).</summary>
/// <param name="FileName">Name shown to readers (factur-x.xml).</param>
/// <param name="MimeType">MIME type written as /Subtype (text/xml).</param>
/// <param name="Relationship">AFRelationship: Alternative for EN 16931, Data for MINIMUM and BASIC WL.</param>
/// <param name="Description">Human description (/Desc).</param>
/// <param name="Content">The file's bytes.</param>
public sealed record PdfAttachment(string FileName, string MimeType, string Relationship, string Description, byte[] Content);
