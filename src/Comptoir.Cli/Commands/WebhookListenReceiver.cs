using Comptoir.Client;
using Microsoft.AspNetCore.Http;

namespace Comptoir.Cli.Commands;

/// <summary>What `comptoir webhooks listen` does with each delivery: read, verified with the listener's secret, printed, forwarded when asked, answered.</summary>
internal sealed class WebhookListenReceiver(CliConsole console, string secret, bool json, WebhookListenForwarder? forwarder)
{
    private const int MaxBodyBytes = 4 * 1024 * 1024;

    private readonly Lock _output = new();

    public async Task ReceiveAsync(HttpContext context)
    {
        var body = await ReadBodyAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
        if (body is null)
        {
            await WriteAsync(console.Error, $"refused a delivery larger than {MaxBodyBytes} bytes").ConfigureAwait(false);
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }

        WebhookEvent hook;
        try
        {
            hook = WebhookEvent.VerifyAndParse(body, context.Request.Headers[WebhookSignature.Header].ToString(), secret, console.Clock);
        }
        catch (WebhookSignatureException e)
        {
            await WriteAsync(console.Error, $"refused a request to {context.Request.Path}: {e.Message}").ConfigureAwait(false);
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }
        catch (WebhookPayloadException e)
        {
            await WriteAsync(console.Error, $"refused a signed request that is not an event: {e.Message}").ConfigureAwait(false);
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        var status = StatusCodes.Status200OK;
        string? forwarded = null;
        if (forwarder is not null)
        {
            var (code, error) = await forwarder.ForwardAsync(context.Request.Headers, body, context.RequestAborted).ConfigureAwait(false);
            status = code ?? StatusCodes.Status502BadGateway;
            forwarded = code is { } answered ? $"-> {answered}" : $"-> not forwarded: {error}";
        }

        if (json)
        {
            await WriteAsync(console.Out, WebhookListenOutput.JsonLine(body)).ConfigureAwait(false);
            if (forwarded is not null)
            {
                await WriteAsync(console.Error, $"event {hook.Id} {forwarded}").ConfigureAwait(false);
            }
        }
        else
        {
            await WriteAsync(console.Out, forwarded is null ? WebhookListenOutput.Line(hook) : $"{WebhookListenOutput.Line(hook)}  {forwarded}").ConfigureAwait(false);
        }

        context.Response.StatusCode = status;
    }

    private Task WriteAsync(TextWriter writer, string line)
    {
        // Deliveries arrive concurrently; their lines must not interleave.
        lock (_output)
        {
            writer.WriteLine(line);
            writer.Flush();
        }

        return Task.CompletedTask;
    }

    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBodyBytes)
            {
                return null;
            }
        }

        return buffer.ToArray();
    }
}
