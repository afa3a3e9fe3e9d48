namespace Comptoir.Server.Http.OpenApi;

/// <summary>The shape of a documented query value.</summary>
public enum QueryValueKind
{
    Text,
    Integer,
    Boolean,
    Timestamp,
    Date,

    /// <summary>Several values: <c>name[]=a&amp;name[]=b</c> or <c>name=a,b</c>.</summary>
    List,
}

/// <summary>
/// Endpoint metadata documenting one query parameter. The handlers read their query by hand (strict readers), so the
/// OpenAPI generator cannot see the parameters; <see cref="OperationDocsTransformer"/> writes these into the document.
/// </summary>
/// <param name="Name">The parameter as sent, e.g. <c>filter[email]</c>.</param>
/// <param name="Description">One sentence for the reader.</param>
/// <param name="Kind">Its value's shape.</param>
/// <param name="Values">The accepted values, when they are a closed list.</param>
/// <param name="Default">The value used when the parameter is absent.</param>
/// <param name="Minimum">The smallest accepted integer.</param>
/// <param name="Maximum">The largest accepted integer.</param>
public sealed record QueryParameterDoc(
    string Name,
    string Description,
    QueryValueKind Kind = QueryValueKind.Text,
    IReadOnlyList<string>? Values = null,
    string? Default = null,
    int? Minimum = null,
    int? Maximum = null);
