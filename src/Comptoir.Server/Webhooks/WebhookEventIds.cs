using System.Globalization;
using System.Security.Cryptography;

namespace Comptoir.Server.Webhooks;

/// <summary>
/// Event ids are UUIDv7 made from the event's own time (the injected clock's, as its created_at), so their text sorts
/// as the events' times do: the retention job finds the oldest events by a range of the primary key, and the write
/// that records an event keeps no index on its time. Within one millisecond a process's ids follow the order they
/// were made in (a 32-bit counter in the bits after the time, RFC 9562's "fixed bit-length dedicated counter"),
/// so events listed newest first stay in order under a stopped clock; the 42 bits left are random, so ids made by
/// several processes do not collide.
/// </summary>
internal static class WebhookEventIds
{
    private static int _counter = RandomNumberGenerator.GetInt32(int.MinValue, int.MaxValue);

    public static string New(DateTimeOffset at)
    {
        var milliseconds = (ulong)at.ToUnixTimeMilliseconds();
        if (milliseconds >= 1UL << 48)
        {
            throw new ArgumentOutOfRangeException(nameof(at), at, "Past the last time a UUIDv7 can hold.");
        }

        var counter = (uint)Interlocked.Increment(ref _counter);
        Span<byte> random = stackalloc byte[8];
        RandomNumberGenerator.Fill(random);
        var randomBits = BitConverter.ToUInt64(random) & ((1UL << 42) - 1);
        // time (48) | version 7 (4) | counter's high 12 bits; variant 10 (2) | counter's low 20 bits | random (42)
        var high = (milliseconds << 16) | 0x7000UL | (counter >> 20);
        var low = 0x8000_0000_0000_0000UL | ((ulong)(counter & 0xF_FFFF) << 42) | randomBits;
        return string.Create(CultureInfo.InvariantCulture, $"{high >> 32:x8}-{(high >> 16) & 0xFFFF:x4}-{high & 0xFFFF:x4}-{low >> 48:x4}-{low & 0xFFFF_FFFF_FFFF:x12}");
    }

    public static string New(string at) => New(Storage.Timestamps.Parse(at));

    /// <summary>
    /// Text that sorts after the id of every event made before <paramref name="at"/>'s millisecond and before those
    /// made in it or later: the id's first 48 bits are the Unix milliseconds, in lowercase hexadecimal.
    /// </summary>
    public static string MadeBefore(DateTimeOffset at)
    {
        var hex = at.ToUnixTimeMilliseconds().ToString("x12", CultureInfo.InvariantCulture);
        return string.Concat(hex.AsSpan(0, 8), "-", hex.AsSpan(8, 4), "-");
    }
}
