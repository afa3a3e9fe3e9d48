using System.Text;
using System.Text.Json.Nodes;

namespace Comptoir.Server.Tests.Support;

/// <summary>Request bodies for the tests: raw JSON text, exactly as a client would send it.</summary>
public static class Body
{
    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static StringContent Json(JsonNode node) => Json(node.ToJsonString());

    public static JsonObject Seed(string json) => JsonNode.Parse(json)!.AsObject();

    public static Task<HttpResponseMessage> Patch(this HttpClient client, string url, JsonNode body) =>
        client.PatchAsync(url, Json(body));

    public static Task<HttpResponseMessage> Post(this HttpClient client, string url, JsonNode body) =>
        client.PostAsync(url, Json(body));

    public static Task<HttpResponseMessage> Post(this HttpClient client, string url, string body) =>
        client.PostAsync(url, Json(body));

}
