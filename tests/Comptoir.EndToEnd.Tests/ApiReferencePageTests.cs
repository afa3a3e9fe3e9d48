using System.Collections.Concurrent;
using Comptoir.EndToEnd.Tests.Support;
using Microsoft.Playwright;

namespace Comptoir.EndToEnd.Tests;

/// <summary>The /docs page of `comptoir serve`, in a real headless browser, with every request off the machine refused.</summary>
public sealed class ApiReferencePageTests : IDisposable
{
    /// <summary>Debian's chromium, installed by scripts/install-prerequisites; COMPTOIR_CHROMIUM names another.</summary>
    private static readonly string Chromium = Environment.GetEnvironmentVariable("COMPTOIR_CHROMIUM") ?? "/usr/bin/chromium";

    private readonly string _data = Directory.CreateTempSubdirectory("comptoir-e2e-docs-").FullName;

    public void Dispose() => Directory.Delete(_data, recursive: true);

    [Fact]
    public async Task The_reference_page_lists_the_operations_with_nothing_fetched_from_outside()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: run scripts/install-prerequisites (apt package chromium)");
        await using var server = await ComptoirProcess.StartAsync(_data);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var page = await browser.NewPageAsync();
        var outside = new ConcurrentBag<string>();
        await page.RouteAsync("**/*", async route =>
        {
            var url = new Uri(route.Request.Url);
            if (url.IsLoopback)
            {
                await route.ContinueAsync();
            }
            else
            {
                outside.Add(route.Request.Url);
                await route.AbortAsync();
            }
        });

        var response = await page.GotoAsync($"http://127.0.0.1:{server.Port}/docs");

        Assert.Equal(200, response?.Status);
        // The first tag opens expanded; the others open from the sidebar, as a reader would.
        await ExpectOperationAsync(page, "Get the organization and its bank accounts");
        await ExpectOperationAsync(page, "List bank accounts");
        foreach (var (tag, summary) in new[] { ("Clients", "List clients"), ("Client invoices", "Create a client invoice (draft or unpaid)"), ("Transfers", "Create a SEPA transfer") })
        {
            await page.GetByRole(AriaRole.Link, new() { Name = tag, Exact = true }).ClickAsync();
            await ExpectOperationAsync(page, summary);
        }

        Assert.True(outside.IsEmpty, "requests off the machine: " + string.Join(", ", outside));
    }

    /// <summary>The operation's entry in the sidebar ("List clients HTTP Method: GET").</summary>
    private static Task ExpectOperationAsync(IPage page, string summary) =>
        Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = summary + " HTTP Method:" }).First).ToBeVisibleAsync(new() { Timeout = 30_000 });
}
