using System.Runtime.CompilerServices;
using Comptoir.Client.Models;

namespace Comptoir.Client.Services;

/// <summary>Follows meta.next_page until it is null, yielding every item.</summary>
internal static class Paging
{
    public static async IAsyncEnumerable<T> AllAsync<T>(Func<int, CancellationToken, Task<(IReadOnlyList<T> Items, Meta Meta)>> fetch, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        int? page = 1;
        while (page is { } current)
        {
            var (items, meta) = await fetch(current, cancellationToken).ConfigureAwait(false);
            foreach (var item in items)
            {
                yield return item;
            }

            page = meta.NextPage;
        }
    }

    /// <summary>A time as the API's filters take it: UTC, milliseconds, "Z".</summary>
    public static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);

    public static string Query(params (string Name, string? Value)[] parameters) =>
        string.Join('&', parameters.Where(p => p.Value is not null).Select(p => $"{Uri.EscapeDataString(p.Name)}={Uri.EscapeDataString(p.Value!)}"));
}
