using Microsoft.Extensions.DependencyInjection;
using Petitions.Local.Demo;

namespace Petitions.Local;

public static class LocalRegistration
{
    // The demo petition and its signatures: the app seeds them on a zero-configuration start, and
    // the command line's `demo` verbs and the benchmarks fill petitions with them.
    public static IServiceCollection AddDemo(this IServiceCollection services)
    {
        services.AddScoped<DemoPetition>();
        services.AddScoped<DemoSignatures>();
        return services;
    }
}
