using System.Text;
using Microsoft.EntityFrameworkCore;
using Petitions.Core.Delivery;
using Petitions.Tests.Infrastructure;
using Petitions.Tests.Signing;

namespace Petitions.Tests.Delivery;

public sealed class ReceiptTests(PetitionsApp app) : IClassFixture<PetitionsApp>
{
    private async Task<Browser.WebPage> SignAndConfirmAsync(Browser browser, string slug, Dictionary<string, string?> form)
    {
        await browser.SubmitAsync(await browser.GetAsync($"/petitions/{slug}"), form);
        var link = Inbox.ConfirmationLink(await app.Inbox.WaitForAsync(form["Input.Email"]!, "Please confirm your signature"));
        return await browser.SubmitAsync(await browser.GetAsync(link), new Dictionary<string, string?>());
    }

    [Fact]
    public async Task A_confirmed_supporter_is_shown_the_number_and_receipt_code_printed_on_their_line_of_the_delivered_list()
    {
        var slug = await A.Petition().Open().BuildAsync(app);
        await Signers.AddAsync(app, slug, Signers.Many(2));
        using var browser = app.Browser();

        var confirmed = await SignAndConfirmAsync(browser, slug, SignForm.Valid(SignForm.UniqueEmail(), name: "Ада Лавлейс"));

        Assert.Equal("Thank you: your signature is confirmed", confirmed.Heading);
        var number = confirmed.Text(".receipt__number");
        var code = confirmed.Text(".receipt__code");
        Assert.Equal("3", number);
        Assert.Matches("^[0-9A-Z]{5}-[0-9A-Z]{5}$", code);

        var pack = await Exports.RunAsync(app, slug);
        var line = Encoding.UTF8.GetString(pack.Csv).Split("\r\n").Single(l => l.EndsWith($"{code},en", StringComparison.Ordinal));
        Assert.StartsWith("3,Ада Лавлейс,London,United Kingdom,", line);
        using var pdf = UglyToad.PdfPig.PdfDocument.Open(pack.Pdf);
        var row = pdf.GetPages().SelectMany(PdfText.ListRows).Single(r => r[^2] == code && r[^1] == "en");
        Assert.Equal(["3", "Ада Лавлейс"], row.Take(2));

        // Opening the link again later shows the same receipt.
        var again = await browser.GetAsync(confirmed.Url.GetLeftPart(UriPartial.Path));
        Assert.Equal(code, again.Text(".receipt__code"));
    }

    [Fact]
    public async Task A_supporter_can_leave_their_name_out_of_the_delivered_list_and_still_find_their_line_by_its_code()
    {
        var slug = await A.Petition().Open().BuildAsync(app);
        using var browser = app.Browser();
        var email = SignForm.UniqueEmail();
        var page = await browser.GetAsync($"/petitions/{slug}");
        Assert.False(page.Has("#Input_WithholdNameFromDelivery[checked]"));
        Assert.Equal("Leave my name out of the list delivered to The Minister for Rivers", page.Text("label[for=Input_WithholdNameFromDelivery]"));

        var confirmed = await SignAndConfirmAsync(browser, slug,
            SignForm.Valid(email, name: "Quiet Supporter").With("Input.WithholdNameFromDelivery", "true"));

        Assert.True(await app.WithDbAsync(db => db.Signatures.Where(s => s.Email == email).Select(s => s.WithholdNameFromDelivery).SingleAsync()));
        var pack = await Exports.RunAsync(app, slug);
        var csv = Encoding.UTF8.GetString(pack.Csv);
        Assert.DoesNotContain("Quiet Supporter", csv);
        Assert.EndsWith($"1,{DeliveryRules.WithheldName},London,United Kingdom,{DateTime.UtcNow:yyyy-MM-dd},{confirmed.Text(".receipt__code")},en", csv.TrimEnd());
    }
}
