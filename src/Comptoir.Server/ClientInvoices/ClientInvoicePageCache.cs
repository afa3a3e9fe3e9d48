using System.Collections.Concurrent;
using System.IO.Compression;

namespace Comptoir.Server.ClientInvoices;

/// <summary>
/// Finished list pages of client invoices, each tagged with the organization's client-invoice version it was built
/// at. A page is served again only while that version has not moved (every change to the organization's invoices
/// moves it, in the database, so the check holds across server processes). Bounded in bytes; the least recently
/// used pages go first. The version must be read before the page is built: a page built from newer rows than its
/// tag is merely rebuilt sooner, never served stale. Requests that miss the same page at the same version share one
/// build: without that, N clients walking the pages together each build every page, and the database does N times
/// the work exactly when the cache is cold.
/// </summary>
public sealed class ClientInvoicePageCache(ServerOptions options)
{
    private const int MaxTotals = 10_000;

    private readonly ConcurrentDictionary<string, Page> _pages = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Key, long Version), Task<Page>> _building = new();
    private readonly ConcurrentDictionary<string, (long Version, long Total)> _totals = new(StringComparer.Ordinal);
    private readonly Lock _evicting = new();
    private long _builds;
    private long _bytes;
    private long _uses; // orders pages by last use; a counter, because many uses share a clock tick

    public bool Enabled => options.ListCacheBytes > 0;

    /// <summary>Bytes held, both encodings counted.</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>Pages built since start (a hit builds nothing; concurrent misses of one page build it once).</summary>
    public long Builds => Interlocked.Read(ref _builds);

    /// <summary>
    /// The page for <paramref name="key"/> at <paramref name="version"/>: from the cache, from a build already under
    /// way for the same version, or built now. A build runs to its end even if the request that started it goes
    /// away, since others may be waiting for it; its failure is every waiter's failure, and the next request tries again.
    /// </summary>
    public async Task<Page> GetOrBuildAsync(string key, long version, Func<Task<byte[]>> build, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(build);
        if (Find(key, version) is { } cached)
        {
            return cached;
        }

        if (!Enabled)
        {
            Interlocked.Increment(ref _builds);
            return new Page(this, version, await build().ConfigureAwait(false));
        }

        var mine = new TaskCompletionSource<Page>(TaskCreationOptions.RunContinuationsAsynchronously);
        var flight = _building.GetOrAdd((key, version), mine.Task);
        if (flight == mine.Task)
        {
            try
            {
                Interlocked.Increment(ref _builds);
                mine.SetResult(Store(key, version, await build().ConfigureAwait(false)));
            }
            catch (Exception e)
            {
                mine.SetException(e);
            }
            finally
            {
                _building.TryRemove(new KeyValuePair<(string, long), Task<Page>>((key, version), mine.Task));
            }
        }

        return await flight.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The number of invoices a query matches, as counted at <paramref name="version"/>: every page of one query
    /// shares it, so the count (a scan of the organization's invoices) is paid once per version, not once per page.
    /// </summary>
    public long? FindTotal(string queryKey, long version) =>
        Enabled && _totals.TryGetValue(queryKey, out var known) && known.Version == version ? known.Total : null;

    public void StoreTotal(string queryKey, long version, long total)
    {
        if (!Enabled)
        {
            return;
        }

        if (_totals.Count >= MaxTotals)
        {
            _totals.Clear(); // filters with timestamps make endless keys; a few counts again is the price of a bound
        }

        _totals.AddOrUpdate(queryKey, (version, total), (_, known) => known.Version > version ? known : (version, total));
    }

    public Page? Find(string key, long version)
    {
        if (!Enabled || !_pages.TryGetValue(key, out var page) || page.Version != version)
        {
            return null;
        }

        page.Touch();
        return page;
    }

    public Page Store(string key, long version, byte[] body)
    {
        var page = new Page(this, version, body);
        if (!Enabled)
        {
            return page;
        }

        if (_pages.TryGetValue(key, out var old) && old.Version > version)
        {
            return page; // a concurrent request already stored a newer page
        }

        _pages[key] = page;
        Account(page.Body.Length - (old is null ? 0 : old.Size));
        return page;
    }

    // The running total is approximate under races (a page replaced while it is being gzipped); it is recounted
    // exactly whenever it crosses the bound, before anything is evicted.
    private void Account(long delta)
    {
        if (Interlocked.Add(ref _bytes, delta) <= options.ListCacheBytes)
        {
            return;
        }

        lock (_evicting)
        {
            var pages = _pages.ToArray();
            var held = pages.Sum(p => p.Value.Size);
            var target = held > options.ListCacheBytes ? options.ListCacheBytes * 3 / 4 : held;
            foreach (var (key, page) in pages.OrderBy(p => p.Value.LastUsed))
            {
                if (held <= target)
                {
                    break;
                }

                if (_pages.TryRemove(new KeyValuePair<string, Page>(key, page)))
                {
                    held -= page.Size;
                }
            }

            Interlocked.Exchange(ref _bytes, held);
        }
    }

    /// <summary>One page as JSON, and gzipped on first demand.</summary>
    public sealed class Page
    {
        private readonly ClientInvoicePageCache _cache;
        private byte[]? _gzip;

        internal Page(ClientInvoicePageCache cache, long version, byte[] body)
        {
            _cache = cache;
            Version = version;
            Body = body;
            Touch();
        }

        public long Version { get; }

        public byte[] Body { get; }

        internal long LastUsed { get; private set; }

        internal long Size => Body.Length + (Volatile.Read(ref _gzip)?.Length ?? 0);

        public byte[] Gzip()
        {
            var known = Volatile.Read(ref _gzip);
            if (known is not null)
            {
                return known;
            }

            using var buffer = new MemoryStream(Body.Length / 8);
            using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
            {
                gzip.Write(Body);
            }

            var compressed = buffer.ToArray();
            if (Interlocked.CompareExchange(ref _gzip, compressed, null) is null)
            {
                _cache.Account(compressed.Length);
            }

            return Volatile.Read(ref _gzip)!;
        }

        internal void Touch() => LastUsed = Interlocked.Increment(ref _cache._uses);
    }
}
