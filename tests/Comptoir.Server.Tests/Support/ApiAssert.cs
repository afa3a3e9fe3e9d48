using System.Net;
using System.Text.Json;

namespace Comptoir.Server.Tests.Support;

/// <summary>Assertions on API responses: status, JSON body, and the error envelope.</summary>
public static class ApiAssert
{
    public static async Task<JsonElement> Json(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Checks the envelope shape and returns the first error.</summary>
    public static async Task<JsonElement> Error(HttpResponseMessage response, HttpStatusCode expected, string? code = null, string? pointer = null, string? parameter = null)
    {
        var body = await Json(response, expected);
        var traceHeader = response.Headers.GetValues("X-Comptoir-Trace-Id").Single();
        Assert.Equal(traceHeader, body.GetProperty("trace_id").GetString());
        var error = body.GetProperty("errors")[0];
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("detail").GetString()));
        if (code is not null)
        {
            Assert.Equal(code, error.GetProperty("code").GetString());
        }

        if (pointer is not null)
        {
            Assert.Equal(pointer, error.GetProperty("source").GetProperty("pointer").GetString());
        }

        if (parameter is not null)
        {
            Assert.Equal(parameter, error.GetProperty("source").GetProperty("parameter").GetString());
        }

        return error;
    }
}
