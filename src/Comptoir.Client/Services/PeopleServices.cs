using System.Globalization;
using Comptoir.Client.Http;
using Comptoir.Client.Models;

namespace Comptoir.Client.Services;

/// <summary>GET /v2/labels and /v2/labels/{id}.</summary>
public sealed class LabelsService
{
    private readonly ApiRequester _api;

    internal LabelsService(ApiRequester api) => _api = api;

    /// <summary>Every label of the organization, page by page.</summary>
    public IAsyncEnumerable<Label> ListAsync(CancellationToken cancellationToken = default) =>
        Paging.AllAsync(async (page, ct) =>
        {
            var result = await _api.SendAsync(HttpMethod.Get, $"labels?page={page.ToString(CultureInfo.InvariantCulture)}&per_page=100", ComptoirJsonContext.Default.LabelsPage, cancellationToken: ct).ConfigureAwait(false);
            return (result.Labels, result.Meta);
        }, cancellationToken);

    /// <summary>One label by id.</summary>
    public async Task<Label> GetAsync(string id, CancellationToken cancellationToken = default) =>
        (await _api.SendAsync(HttpMethod.Get, $"labels/{Uri.EscapeDataString(id)}", ComptoirJsonContext.Default.LabelEnvelope, cancellationToken: cancellationToken).ConfigureAwait(false)).Label;
}

/// <summary>GET /v2/memberships and /v2/membership.</summary>
public sealed class MembershipsService
{
    private readonly ApiRequester _api;

    internal MembershipsService(ApiRequester api) => _api = api;

    /// <summary>Every membership of the organization, page by page.</summary>
    public IAsyncEnumerable<Membership> ListAsync(CancellationToken cancellationToken = default) =>
        Paging.AllAsync(async (page, ct) =>
        {
            var result = await _api.SendAsync(HttpMethod.Get, $"memberships?page={page.ToString(CultureInfo.InvariantCulture)}&per_page=100", ComptoirJsonContext.Default.MembershipsPage, cancellationToken: ct).ConfigureAwait(false);
            return (result.Memberships, result.Meta);
        }, cancellationToken);

    /// <summary>The membership the credential acts as (needs membership.read).</summary>
    public async Task<Membership> GetCurrentAsync(CancellationToken cancellationToken = default) =>
        (await _api.SendAsync(HttpMethod.Get, "membership", ComptoirJsonContext.Default.MembershipEnvelope, cancellationToken: cancellationToken).ConfigureAwait(false)).Membership;
}
