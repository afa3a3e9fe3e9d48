using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Comptoir.Client;

/// <summary>Registration with IHttpClientFactory.</summary>
public static class ComptoirServiceCollectionExtensions
{
    /// <summary>Registers <see cref="ComptoirClient"/> as a typed HttpClient configured by <paramref name="configure"/>.</summary>
    public static IHttpClientBuilder AddComptoirClient(this IServiceCollection services, Action<ComptoirClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.Configure(configure);
        return services.AddHttpClient<ComptoirClient, ComptoirClient>((HttpClient http, IServiceProvider provider) =>
            new ComptoirClient(http, provider.GetRequiredService<IOptions<ComptoirClientOptions>>().Value, provider.GetService<TimeProvider>()));
    }
}
