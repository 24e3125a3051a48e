using Microsoft.Extensions.DependencyInjection;

namespace Petitions.Core.Import;

public static class ImportRegistration
{
    public static IServiceCollection AddImport(this IServiceCollection services)
    {
        services.AddScoped<PaperImport>();
        return services;
    }
}
