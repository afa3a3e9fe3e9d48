using Comptoir.Server.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Comptoir.Server.Tests;

/// <summary>The host watches no files: the data directory under the current directory is written all the time.</summary>
public sealed class HostConfigurationTests
{
    [Fact]
    public async Task No_configuration_file_is_watched_and_the_content_root_is_the_install_directory()
    {
        await using var server = await RunningServer.StartAsync("sqlite");

        var providers = ((IConfigurationRoot)server.App.Configuration).Providers.OfType<FileConfigurationProvider>().ToArray();
        Assert.All(providers, p => Assert.False(p.Source.ReloadOnChange, $"{p.Source.Path} is watched"));
        var environment = server.App.Services.GetRequiredService<IHostEnvironment>();
        Assert.Equal(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory), Path.TrimEndingDirectorySeparator(environment.ContentRootPath));
    }
}
