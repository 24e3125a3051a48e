using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Petitions.Core.Publishing;
using Petitions.Core.Signing;
using Petitions.Core.Text;
using Petitions.Tests.Infrastructure;

namespace Petitions.Tests.BadInput;

// Reads back every signature and petition in the app's database and puts each through the rules
// the forms apply, so that nothing stored is something the validators would have refused.
public static class StoredValues
{
    public static async Task AssertNoneWouldBeRefusedAsync(PetitionsApp app)
    {
        var (signatures, petitions) = await app.WithDbAsync(async db =>
            (await db.Signatures.AsNoTracking().ToListAsync(), await db.Petitions.AsNoTracking().ToListAsync()));

        var problems = new List<string>();
        var signRules = (SignRequestValidator)app.Services.GetRequiredService<IValidator<SignRequest>>();
        foreach (var s in signatures)
        {
            // Paper signatures may lack an email; every other rule is the online form's.
            var request = new SignRequest
            {
                Name = s.Name, Email = s.Email ?? "paper@example.org", Country = s.Country, City = s.City, Comment = s.Comment, Consent = true,
            };
            var result = await signRules.ValidateAsync(request);
            problems.AddRange(result.Errors.Select(e => $"signature {s.Id} ({Shown(s.Name)}): {e.PropertyName}: {e.ErrorMessage}"));
            foreach (var (field, value) in new[] { ("FlagReason", s.FlagReason), ("InvalidationReason", s.InvalidationReason) })
            {
                if (!TextRules.IsMultiLine(value))
                    problems.Add($"signature {s.Id}: {field} holds characters no form accepts");
            }
        }

        var petitionRules = app.Services.GetRequiredService<IValidator<PetitionForm>>();
        foreach (var p in petitions)
        {
            var result = await petitionRules.ValidateAsync(PetitionForm.From(p));
            problems.AddRange(result.Errors.Select(e => $"petition {p.Id} ({Shown(p.Slug)}): {e.PropertyName}: {e.ErrorMessage}"));
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private static string Shown(string value) => value.Length <= 60 ? value : value[..60] + "…";
}
