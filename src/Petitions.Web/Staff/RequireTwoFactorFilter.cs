using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Petitions.Core.Staff;

namespace Petitions.Web.Staff;

// When an Admin has made two-factor sign-in mandatory, staff without it can only reach the page
// that sets it up (and sign out) until they have done so.
public sealed class RequireTwoFactorFilter : IAsyncPageFilter
{
    private static readonly string[] Exempt = ["/Account/TwoFactor", "/Account/Logout", "/Account/Login", "/Account/LoginWithTwoFactor", "/Account/AcceptInvitation"];

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var http = context.HttpContext;
        if (http.User.Identity?.IsAuthenticated == true && !Exempt.Contains(context.ActionDescriptor.ViewEnginePath))
        {
            var accounts = http.RequestServices.GetRequiredService<StaffAccounts>();
            if (await accounts.RequiresTwoFactorAsync(http.RequestAborted))
            {
                var user = await http.RequestServices.GetRequiredService<UserManager<StaffUser>>().GetUserAsync(http.User);
                if (user is { TwoFactorEnabled: false })
                {
                    context.Result = new RedirectResult("/admin/account/two-factor");
                    return;
                }
            }
        }
        await next();
    }
}
