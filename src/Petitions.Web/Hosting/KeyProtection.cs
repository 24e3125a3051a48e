using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;

namespace Petitions.Web.Hosting;

public sealed class DataProtectionSettings
{
    public const string Section = "DataProtection";

    // A PKCS#12 (.pfx) file holding a certificate and its private key. New Data Protection keys
    // are encrypted to it before they are stored in the database.
    public string? CertificatePath { get; set; }
    public string? CertificatePassword { get; set; }

    // Certificates used before, kept so that keys encrypted to them can still be read.
    public CertificateFile[] PreviousCertificates { get; set; } = [];

    public sealed class CertificateFile
    {
        public string? Path { get; set; }
        public string? Password { get; set; }
    }
}

// The Data Protection keys sign and encrypt the staff cookies, the antiforgery tokens and the
// authenticator keys (Staff/ProtectedUserStore). They live in PostgreSQL so every instance shares
// them; without a certificate they are stored there in the clear, and anyone who can read the
// database, or a backup of it, can forge an Admin's sign-in.
public static class KeyProtection
{
    public static IDataProtectionBuilder ProtectKeysAtRest(this IDataProtectionBuilder builder, IConfiguration configuration, IHostEnvironment environment)
    {
        var settings = configuration.GetSection(DataProtectionSettings.Section).Get<DataProtectionSettings>() ?? new();
        if (string.IsNullOrWhiteSpace(settings.CertificatePath))
        {
            if (!environment.IsDevelopment())
                builder.Services.AddHostedService<UnprotectedKeysWarning>();
            return builder;
        }

        var current = Load(settings.CertificatePath, settings.CertificatePassword, "DataProtection__CertificatePath");
        var previous = settings.PreviousCertificates.Where(c => !string.IsNullOrWhiteSpace(c.Path))
            .Select((c, i) => Load(c.Path!, c.Password, $"DataProtection__PreviousCertificates__{i}__Path"));
        builder.ProtectKeysWithCertificate(current);
        builder.UnprotectKeysWithAnyCertificate([current, .. previous]);
        return builder;
    }

    private static X509Certificate2 Load(string path, string? password, string setting)
    {
        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password);
        }
        catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new StartupRefusedException($"{setting}: cannot read the certificate at {path} ({ex.Message.TrimEnd('.')}). Check the path and DataProtection__CertificatePassword.");
        }
        if (!certificate.HasPrivateKey)
            throw new StartupRefusedException($"{setting}: the certificate at {path} has no private key, so the keys encrypted to it could not be read back. Give a .pfx file that includes it.");
        return certificate;
    }

    private sealed class UnprotectedKeysWarning(ILogger<UnprotectedKeysWarning> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            logger.LogWarning("Data Protection keys are stored unencrypted in the database: anyone who can read it, or a backup of it, can forge staff sign-ins. Set DataProtection__CertificatePath (and DataProtection__CertificatePassword) to a .pfx certificate to encrypt them; see docs/security.md.");
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
