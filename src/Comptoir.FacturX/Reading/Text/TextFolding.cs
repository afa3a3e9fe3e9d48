namespace Comptoir.FacturX.Reading.Text;

/// <summary>
/// Lower-cases and removes accents one character for one, so a position in the folded text is the same position in
/// the original: labels are matched on the folded text and values cut from the original.
/// </summary>
public static class TextFolding
{
    private const string Accented = "àâäáãåçéèêëíìîïñóòôöõúùûüýÿœæÀÂÄÁÃÅÇÉÈÊËÍÌÎÏÑÓÒÔÖÕÚÙÛÜÝŸŒÆ\u00A0\u202F\u2009\u2019\u2018\u2013\u2014\u2212º";
    private const string Plain = "aaaaaaceeeeiiiinooooouuuuyyoaaaaaaaceeeeiiiinooooouuuuyyoa   ''---°";

    public static string Fold(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return string.Create(text.Length, text, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var c = source[i];
                var index = Accented.IndexOf(c, StringComparison.Ordinal);
                span[i] = index >= 0 ? Plain[index] : char.ToLowerInvariant(c);
            }
        });
    }
}
