using FluentValidation;
using Microsoft.Extensions.DependencyInjection;

namespace Petitions.Core.Audit;

public static class AuditRegistration
{
    public static IServiceCollection AddAudit(this IServiceCollection services)
    {
        services.AddScoped<AuditLog>();
        services.AddSingleton<IValidator<AuditSearch>, AuditSearchValidator>();
        services.AddScoped<AuditQueries>();
        return services;
    }
}
