using System.Net;
using System.Text.Json;
using Comptoir.Server.Health;
using Comptoir.Server.Tests.Support;

namespace Comptoir.Server.Tests;

/// <summary>/healthz and /readyz: no credentials, no rate limit, documented as public routes that can answer 503.</summary>
public sealed class HealthApiTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Both_answer_without_credentials_and_outside_the_rate_limits(string engine)
    {
        await using var server = await RunningServer.StartAsync(engine, o => o with { RequestsPer10Seconds = 2 });
        using var anonymous = server.NewClient(null);

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal("alive", (await ApiAssert.Json(await anonymous.GetAsync("healthz"), HttpStatusCode.OK)).GetProperty("status").GetString());
            Assert.Equal("ready", (await ApiAssert.Json(await anonymous.GetAsync("readyz"), HttpStatusCode.OK)).GetProperty("status").GetString());
        }

        // The limit is real: the same client on /v2 is refused past 2 requests.
        await anonymous.GetAsync("v2/organization");
        await anonymous.GetAsync("v2/organization");
        await ApiAssert.Error(await anonymous.GetAsync("v2/organization"), HttpStatusCode.TooManyRequests, "rate_limited");
    }

    [Fact]
    public async Task The_document_lists_them_as_public_with_a_503_for_readiness()
    {
        await using var server = await RunningServer.StartAsync("sqlite");
        var document = await ApiAssert.Json(await server.Client.GetAsync("v2/openapi.json"), HttpStatusCode.OK);
        var paths = document.GetProperty("paths");

        foreach (var path in new[] { HealthApi.LivenessPath, HealthApi.ReadinessPath })
        {
            var operation = paths.GetProperty(path).GetProperty("get");
            Assert.False(string.IsNullOrWhiteSpace(operation.GetProperty("summary").GetString()));
            Assert.Empty(operation.GetProperty("security").EnumerateArray());
            Assert.False(operation.GetProperty("responses").TryGetProperty("401", out _));
            Assert.False(operation.GetProperty("responses").TryGetProperty("429", out _));
        }

        var unavailable = paths.GetProperty(HealthApi.ReadinessPath).GetProperty("get").GetProperty("responses").GetProperty("503");
        Assert.Equal("#/components/schemas/ErrorEnvelope", unavailable.GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString());
        Assert.Equal(JsonValueKind.Object, paths.GetProperty(HealthApi.LivenessPath).GetProperty("get").GetProperty("responses").GetProperty("200").ValueKind);
    }
}
