using Comptoir.Server.Webhooks;

namespace Comptoir.Server.Tests;

/// <summary>Event ids sort as the events' times do, which the retention job's id range relies on.</summary>
public sealed class WebhookEventIdsTests
{
    [Theory]
    [InlineData("2026-03-19T20:30:00.500Z")]
    [InlineData("1999-12-31T23:59:59.999Z")]
    [InlineData("2300-01-01T00:00:00.000Z")]
    public void Ids_made_before_a_time_sort_before_its_bound_and_those_made_at_or_after_it_sort_after(string time)
    {
        var at = DateTimeOffset.Parse(time, System.Globalization.CultureInfo.InvariantCulture);
        var bound = WebhookEventIds.MadeBefore(at);

        for (var i = 0; i < 200; i++)
        {
            Assert.True(string.CompareOrdinal(WebhookEventIds.New(at.AddMilliseconds(-1)), bound) < 0);
            Assert.True(string.CompareOrdinal(WebhookEventIds.New(at.AddDays(-400)), bound) < 0);
            Assert.True(string.CompareOrdinal(WebhookEventIds.New(at), bound) > 0);
            Assert.True(string.CompareOrdinal(WebhookEventIds.New(at.AddMilliseconds(1)), bound) > 0);
        }
    }

    [Fact]
    public void An_id_carries_the_time_it_is_made_for_not_the_machine_clock()
    {
        var at = DateTimeOffset.Parse("2026-03-19T20:30:00.500Z", System.Globalization.CultureInfo.InvariantCulture);
        var id = WebhookEventIds.New("2026-03-19T20:30:00.500Z");

        Assert.StartsWith(WebhookEventIds.MadeBefore(at), id, StringComparison.Ordinal);
        Assert.Equal('7', id[14]);
        Assert.Contains(id[19], "89ab");
        Assert.True(Guid.TryParse(id, out var parsed));
        Assert.Equal(7, parsed.Version);
    }

    [Fact]
    public void Ids_made_in_one_millisecond_sort_in_the_order_they_were_made_and_never_repeat()
    {
        var at = DateTimeOffset.Parse("2026-03-19T20:30:00.500Z", System.Globalization.CultureInfo.InvariantCulture);
        var ids = Enumerable.Range(0, 5_000).Select(_ => WebhookEventIds.New(at)).ToList();

        // Other tests make ids meanwhile, and the counter may wrap once: order holds between neighbours but that one.
        var outOfOrder = ids.Zip(ids.Skip(1)).Count(pair => string.CompareOrdinal(pair.First, pair.Second) >= 0);
        Assert.True(outOfOrder <= 1, $"{outOfOrder} neighbours out of order");
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
    }
}
