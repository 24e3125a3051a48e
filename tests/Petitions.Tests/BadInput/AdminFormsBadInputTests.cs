using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Petitions.Core;
using Petitions.Core.Staff;
using Petitions.Tests.Infrastructure;

namespace Petitions.Tests.BadInput;

public sealed class AdminFormsBadInputTests(PetitionsApp app) : IClassFixture<PetitionsApp>
{
    [Theory]
    [MemberData(nameof(AdminFormsCorpus.Names), MemberType = typeof(AdminFormsCorpus))]
    public async Task Each_input_to_a_staff_form_gets_its_field_error_or_is_saved_as_plain_text(string input)
    {
        var @case = AdminFormsCorpus.Cases[input];
        var slug = await A.Petition().Open().With(A.Signature("Ana Silva")).BuildAsync(app);
        var petitionId = await app.PetitionIdAsync(slug);
        var signatureId = await app.WithDbAsync(db => db.Signatures.Where(s => s.PetitionId == petitionId).Select(s => s.Id).SingleAsync());
        using var browser = @case.Page == "/admin/login" ? app.Browser() : await app.StaffBrowserAsync(StaffRoles.Admin);
        var url = @case.Page.Replace("{petition}", petitionId.ToString()).Replace("{signature}", signatureId.ToString());

        var page = await SubmitAsync(browser, url, @case);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        switch (@case.Outcome)
        {
            case AdminOutcome.FieldError error:
                Assert.Equal($"Error: {error.Message}", page.Text($"#{error.FieldId}-error"));
                Assert.Equal(error.Message, page.Text($".error-summary a[href='#{error.FieldId}']"));
                break;
            case AdminOutcome.Refused refused:
                Assert.Equal(refused.Message, page.Text(".error-summary li"));
                Assert.Equal(url, page.Url.AbsolutePath);
                break;
            case AdminOutcome.Saved:
                Assert.Equal(HttpStatusCode.Redirect, page.FirstStatus);
                Assert.False(page.Has(".error-summary"), page.Text(".error-summary"));
                foreach (var typed in @case.Fields.Values.Where(v => v.Contains('<')))
                {
                    // On the page as text, and nowhere as markup.
                    Assert.Contains(typed, page.Document.Body!.TextContent);
                    Assert.DoesNotContain(typed, page.Html);
                }
                break;
        }
        Assert.Empty(page.Document.QuerySelectorAll("script:not([src])"));
        await StoredValues.AssertNoneWouldBeRefusedAsync(app);
    }

    private static async Task<Browser.WebPage> SubmitAsync(Browser browser, string url, AdminCase @case)
    {
        var page = await browser.GetAsync(url);
        var form = (page.Document.QuerySelector("main") ?? page.Document.DocumentElement).QuerySelector<IHtmlFormElement>(@case.Form)
            ?? throw new InvalidOperationException($"No form '{@case.Form}' on {url}:\n{page.MainText}");
        // What the form holds now, as a browser would send it untouched.
        var fields = new Dictionary<string, string>();
        foreach (var input in form.QuerySelectorAll<IHtmlInputElement>("input[name]")
                     .Where(i => i.Type is not ("submit" or "checkbox" or "radio") || i.IsChecked))
            fields[input.Name!] = input.Value;
        foreach (var area in form.QuerySelectorAll<IHtmlTextAreaElement>("textarea[name]"))
            fields[area.Name!] = area.Value;
        foreach (var select in form.QuerySelectorAll<IHtmlSelectElement>("select[name]"))
            fields[select.Name!] = select.Value ?? "";
        foreach (var (key, value) in AdminFormsCorpus.ValidFields(@case.Page).Concat(@case.Fields))
            fields[key] = value;
        var action = string.IsNullOrEmpty(form.GetAttribute("action")) ? page.Url : new Uri(page.Url, form.GetAttribute("action")!);

        HttpContent body;
        if (@case.Multipart)
        {
            var multipart = new MultipartFormDataContent();
            foreach (var (key, value) in fields)
                multipart.Add(new StringContent(value, System.Text.Encoding.UTF8), key);
            body = multipart;
        }
        else
        {
            body = new FormUrlEncodedContent(fields);
        }
        return await browser.PostAsync(action.ToString(), body);
    }
}
