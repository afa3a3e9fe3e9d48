using System.ComponentModel;
using Comptoir.Server.Http.OpenApi;

namespace Comptoir.Server.Labels;

// The label JSON (LabelResponse), described for the OpenAPI document only.

[Description("A label transactions can carry; parent_id names the label it sits under, if any.")]
[PublicSurface]
public sealed record LabelDoc(string Id, string Name, string? ParentId);

public sealed record LabelResponseDoc(LabelDoc Label);

public sealed record LabelListDoc(IReadOnlyList<LabelDoc> Labels, PageMetaDoc Meta);
