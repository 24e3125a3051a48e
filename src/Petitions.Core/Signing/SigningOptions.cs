namespace Petitions.Core.Signing;

public sealed class SigningOptions
{
    public const string Section = "Signing";

    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromDays(7);

    // Every accepted signature is answered no sooner than this after the request began. An
    // address that has signed before takes more work (a failed insert, then a second
    // transaction), and without a floor the few milliseconds it adds would tell anyone who times
    // the form whether an address has signed. It must exceed the slower path's usual time; a
    // quarter of a second is well past it and goes unnoticed by a person pressing Sign.
    public TimeSpan MinimumAnswerTime { get; set; } = TimeSpan.FromMilliseconds(250);
}
