using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Petitions.Core.Data;
using Petitions.Tests.Infrastructure;

namespace Petitions.Tests.Hosting;

// The Data Protection keys sign staff cookies and protect authenticator keys; stored in the clear,
// anyone with a database backup could forge an Admin's sign-in.
public sealed class KeyProtectionTests(PetitionsApp app) : IClassFixture<PetitionsApp>
{
    private const string Password = "test certificate password";

    // A certificate of the test's own, made now and never committed; its file goes when the run ends.
    private static string NewCertificate()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=Petitions key protection test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = Path.Combine(Path.GetTempPath(), $"petitions-test-keys-{Guid.NewGuid():N}.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, Password));
        AppDomain.CurrentDomain.ProcessExit += (_, _) => File.Delete(path);
        return path;
    }

    private PetitionsApp.Instance StartOn(string database, Action<IWebHostBuilder> configure)
    {
        var instance = new PetitionsApp.Instance(database, app.Mail.Port, configure);
        instance.UseKestrel(0);
        instance.StartServer();
        return instance;
    }

    private static async Task<List<string>> StoredKeysAsync(PetitionsApp.Instance instance)
    {
        await using var scope = instance.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PetitionsDbContext>().DataProtectionKeys.AsNoTracking()
            .Select(k => k.Xml).ToListAsync();
    }

    [Fact]
    public async Task With_a_certificate_configured_the_stored_keys_are_encrypted_and_a_later_certificate_still_reads_them()
    {
        var first = NewCertificate();
        var second = NewCertificate();
        var database = await (await PostgresServer.InstanceAsync()).CreateDatabaseAsync();
        string protectedText;
        await using (var instance = StartOn(database, b => b
            .UseSetting("DataProtection:CertificatePath", first)
            .UseSetting("DataProtection:CertificatePassword", Password)))
        {
            // A page with a form makes the first key.
            using var browser = new Browser(instance.BaseAddress);
            await browser.GetAsync("/admin/login");
            protectedText = instance.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("staff cookie");

            var keys = await StoredKeysAsync(instance);
            Assert.NotEmpty(keys);
            Assert.All(keys, xml =>
            {
                Assert.Contains("<encryptedSecret", xml);
                Assert.DoesNotContain("<masterKey", xml);
            });
        }

        // Rotated: a new certificate protects new keys, the old one still opens the old ones.
        await using var rotated = StartOn(database, b => b
            .UseSetting("DataProtection:CertificatePath", second)
            .UseSetting("DataProtection:CertificatePassword", Password)
            .UseSetting("DataProtection:PreviousCertificates:0:Path", first)
            .UseSetting("DataProtection:PreviousCertificates:0:Password", Password));
        var unprotected = rotated.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(protectedText);
        Assert.Equal("staff cookie", unprotected);
    }

    [Fact]
    public async Task In_production_without_a_certificate_the_app_warns_at_startup_that_its_keys_are_stored_in_the_clear()
    {
        var database = await (await PostgresServer.InstanceAsync()).CreateDatabaseAsync();
        await using var process = AppProcess.Start(new Dictionary<string, string>
        {
            ["ConnectionStrings__Petitions"] = database,
            ["Smtp__Host"] = "127.0.0.1",
            ["Smtp__Port"] = app.Mail.Port.ToString(),
            ["Delivery__ExportDirectory"] = Path.Combine(PetitionsApp.ExportRoot, "key-warning"),
        });

        static bool IsTheWarning(string line) => line.Contains("warn:", StringComparison.Ordinal)
            && line.Contains("Data Protection keys are stored unencrypted", StringComparison.Ordinal)
            && line.Contains("DataProtection__CertificatePath", StringComparison.Ordinal);
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (!process.Output.Any(IsTheWarning))
        {
            Assert.False(process.HasExited, string.Join("\n", process.Output));
            Assert.True(DateTime.UtcNow < deadline, "No warning in:\n" + string.Join("\n", process.Output));
            await Task.Delay(200);
        }
    }
}
