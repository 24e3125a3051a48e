using System.Net;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Petitions.Core;
using Petitions.Core.Delivery;
using Petitions.Core.Email;
using Petitions.Local;
using Petitions.Local.LocalPostgres;
using Petitions.Local.Mail;
using Petitions.Web.Api;
using Petitions.Web.Pages.PetitionPage;
using Petitions.Web.Sharing;
using Petitions.Web.Staff;
using Petitions.Web.Updates;

namespace Petitions.Web.Hosting;

public static class PetitionsHosting
{
    // serving: the app will run until stopped (not a one-off command), so it may adopt a local
    // database cluster that an earlier, killed run left behind.
    public static async Task<LocalServices> AddPetitionsAsync(this WebApplicationBuilder builder, bool serving = true)
    {
        var configuration = builder.Configuration;
        var services = builder.Services;
        if (serving)
            RequirePublicAddress(builder);

        var local = await StartLocalServicesAsync(builder, serving);
        var connectionString = ConnectionPool.Sized(
            local.Database?.ConnectionString ?? configuration.GetConnectionString("Petitions")!,
            configuration.GetValue<int?>($"{DatabaseOptions.Section}:MaxPoolSize"));

        services.AddOptions<AppOptions>().Bind(configuration.GetSection(AppOptions.Section));
        services.AddOptions<DatabaseOptions>().Bind(configuration.GetSection(DatabaseOptions.Section));
        services.AddPetitionsCore(configuration, connectionString).AddDemo();
        // Finished exports live beside the local database, in the clone's .data/ folder, unless configured.
        var exportDirectory = configuration[$"{DeliveryOptions.Section}:ExportDirectory"]
            ?? Path.Combine(ProjectRoot(builder.Environment.ContentRootPath), ".data", "exports");
        services.PostConfigure<DeliveryOptions>(options => options.ExportDirectory = exportDirectory);
        services.AddSingleton(local);
        if (local.Mail is not null)
            services.AddSingleton(local.Mail);

        services.AddHttpContextAccessor();
        services.AddSingleton<IPublicLinks, PublicLinks>();
        services.AddSingleton<SharingAddresses>();
        services.AddFloodGuard(configuration);
        services.AddRequestLimits();
        services.AddCookieRules(builder.Environment);
        services.AddDataProtection().SetApplicationName("Petitions").ProtectKeysAtRest(configuration, builder.Environment);
        services.AddOptions<KeyManagementOptions>()
            .Configure<IServiceScopeFactory>((options, scopes) => options.XmlRepository = new DatabaseXmlRepository(scopes));
        services.AddStaffAuthentication(configuration);
        services.AddProtectedAuthenticatorKeys();
        services.AddScoped<StaffSignIn>();
        services.AddSingleton<SignFormStamp>();
        services.AddSiteLocalization();
        services.AddRazorPages(options =>
            {
                // Everything under /admin needs a staff sign-in; folders for Admins only say so below.
                options.Conventions.AuthorizeAreaFolder("Admin", "/", StaffAuthentication.StaffPolicy);
                foreach (var adminOnly in new[] { "/Publishing", "/Abuse", "/Audit", "/Staff", "/Delivery", "/Updates" })
                    options.Conventions.AuthorizeAreaFolder("Admin", adminOnly, StaffAuthentication.AdminPolicy);
                options.Conventions.AddAreaFolderApplicationModelConvention("Admin", "/", model => model.Filters.Add(new RequireTwoFactorFilter()));
            })
            .AddMvcOptions(options =>
            {
                options.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true;
                // Every page, the admin area's included (a page convention would reach only one).
                options.Filters.Add(new UnhandledMethods());
            })
            .AddViewLocalization();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", HealthStatus.Unhealthy);
        services.AddProblemDetails();
        services.AddPublicOutputCache();
        services.AddPublicApiCors();
        services.AddPublicApiDocument();
        services.ConfigureHttpJsonOptions(options => options.SerializerOptions.PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.CamelCase);
        services.Configure<ForwardedHeadersOptions>(options => ConfigureForwardedHeaders(options, configuration));
        return local;
    }

    public static WebApplication UsePetitions(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseSecurityHeaders();
        app.UseCookiePolicy();
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandlingPath = "/error",
            StatusCodeSelector = RequestLimits.StatusCodeFor,
        });
        // After the exception handler, which clears the headers of a failed response: the error
        // page is served through what follows, and so gets HSTS like any other page.
        if (!app.Environment.IsDevelopment())
            app.UseHsts();
        app.UseStatusCodePagesWithReExecute("/status/{0}");
        // The API answers its errors (405 for a POST, 404 for an unknown path) as problem details,
        // not as the site's HTML pages: its callers are programs.
        app.UseWhen(context => context.Request.Path.StartsWithSegments("/api"), api => api.UseStatusCodePages());
        app.UseFormPostsOnly();
        // After the error handlers, so that the error and status pages they re-execute are
        // answered in the visitor's language too.
        app.UseSiteLocalization();
        app.UseStaticFiles();
        app.UseRateLimiter();
        app.UseRouting();
        app.UseCors();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UsePublicOutputCache();
        app.MapHealthChecks("/health");
        app.MapPetitionsApi();
        app.MapPublicApiDocument();
        app.MapSharing();
        app.MapUpdatesFeed();
        app.MapLanguageSwitch();
        app.MapRazorPages();
        return app;
    }

    // Without App:BaseUrl, links in emails are built from the Host header of the request that
    // caused them, which the sender of that request chooses: anyone could have confirmation and
    // invitation links point at a site of their own. Development keeps the zero-configuration
    // run; a production server must say where it is. Verbs serve no requests, so they need not.
    private static void RequirePublicAddress(WebApplicationBuilder builder)
    {
        if (!builder.Environment.IsProduction())
            return;
        var baseUrl = builder.Configuration[$"{AppOptions.Section}:BaseUrl"];
        if (string.IsNullOrWhiteSpace(baseUrl))
            throw new StartupRefusedException(
                "App__BaseUrl is not set. In Production, set it to the site's public address (e.g. App__BaseUrl=https://petitions.example.org): links in emails are built from it, never from a request's Host header.");
        if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            throw new StartupRefusedException(
                $"App__BaseUrl \"{baseUrl}\" is not an http or https address. Set it to the site's public address, e.g. App__BaseUrl=https://petitions.example.org.");
    }

    private static async Task<LocalServices> StartLocalServicesAsync(WebApplicationBuilder builder, bool serving)
    {
        var configuration = builder.Configuration;
        LocalPostgresCluster? database = null;
        if (string.IsNullOrWhiteSpace(configuration.GetConnectionString("Petitions")))
        {
            var dataDirectory = configuration[$"{DatabaseOptions.Section}:DataDirectory"]
                ?? Path.Combine(ProjectRoot(builder.Environment.ContentRootPath), ".data", "postgres");
            database = await LocalPostgresCluster.StartAsync(new LocalPostgresOptions(dataDirectory) { AdoptOrphan = serving });
        }

        MailCatcher? mail = null;
        if (string.IsNullOrWhiteSpace(configuration[$"{SmtpOptions.Section}:Host"]))
        {
            mail = new MailCatcher();
            await mail.StartAsync();
            configuration[$"{SmtpOptions.Section}:Host"] = mail.Host;
            configuration[$"{SmtpOptions.Section}:Port"] = mail.Port.ToString();
        }
        return new LocalServices(database, mail);
    }

    // The folder holding Petitions.sln, so that `dotnet run` from anywhere in a clone keeps its
    // data in the clone's .data/ folder; elsewhere (a published app) the content root.
    private static string ProjectRoot(string contentRoot)
    {
        for (var dir = new DirectoryInfo(contentRoot); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Petitions.sln")))
                return dir.FullName;
        }
        return contentRoot;
    }

    private static void ConfigureForwardedHeaders(ForwardedHeadersOptions options, IConfiguration configuration)
    {
        options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        var settings = configuration.GetSection(ForwardedHeadersSettings.Section).Get<ForwardedHeadersSettings>() ?? new();
        // Loopback is trusted by default (KnownIPNetworks holds 127.0.0.0/8 and KnownProxies ::1).
        foreach (var proxy in settings.KnownProxies)
            options.KnownProxies.Add(IPAddress.Parse(proxy));
        foreach (var network in settings.KnownNetworks)
            options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
    }
}
