using Microsoft.AspNetCore.Mvc;
using Petitions.Core.Staff;
using Petitions.Web.Pages;
using Petitions.Web.Staff;

namespace Petitions.Web.Areas.Admin.Pages.Staff;

public sealed class IndexModel(StaffAccounts accounts, StaffAccess access) : FormPageModel
{
    public sealed class InviteInput
    {
        public string? Email { get; set; }
        public string? Role { get; set; }
    }

    [BindProperty]
    public InviteInput Input { get; set; } = new() { Role = StaffRoles.Moderator };

    [BindProperty]
    public bool RequireTwoFactor { get; set; }

    // The staff member a row's form changes, and the role chosen in it.
    [BindProperty]
    public string? StaffId { get; set; }

    [BindProperty]
    public string? NewRole { get; set; }

    public IReadOnlyList<StaffMember> Staff { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostInviteAsync(CancellationToken cancellationToken) =>
        await HandleAsync(accounts.InviteAsync(Input.Email, Input.Role, HttpContext.Actor(), cancellationToken), cancellationToken);

    public async Task<IActionResult> OnPostPolicyAsync(CancellationToken cancellationToken) =>
        await HandleAsync(accounts.SetRequireTwoFactorAsync(RequireTwoFactor, HttpContext.Actor(), cancellationToken), cancellationToken);

    public async Task<IActionResult> OnPostRoleAsync(CancellationToken cancellationToken) =>
        await HandleAsync(access.ChangeRoleAsync(StaffId, NewRole, HttpContext.Actor(), cancellationToken), cancellationToken);

    public async Task<IActionResult> OnPostDeactivateAsync(CancellationToken cancellationToken) =>
        await HandleAsync(access.DeactivateAsync(StaffId, HttpContext.Actor(), cancellationToken), cancellationToken);

    public async Task<IActionResult> OnPostReactivateAsync(CancellationToken cancellationToken) =>
        await HandleAsync(access.ReactivateAsync(StaffId, HttpContext.Actor(), cancellationToken), cancellationToken);

    public async Task<IActionResult> OnPostRemoveAsync(CancellationToken cancellationToken) =>
        await HandleAsync(access.RemoveAsync(StaffId, HttpContext.Actor(), cancellationToken), cancellationToken);

    private async Task<IActionResult> HandleAsync(Task<StaffResult> action, CancellationToken cancellationToken)
    {
        switch (await action)
        {
            case StaffResult.Done done:
                TempData["Notice"] = done.Message;
                return RedirectToPage();
            case StaffResult.Invalid invalid:
                AddErrors(invalid.Errors);
                break;
        }
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Staff = await accounts.ListAsync(cancellationToken);
        if (!Request.HasFormContentType)
            RequireTwoFactor = await accounts.RequiresTwoFactorAsync(cancellationToken);
    }
}
