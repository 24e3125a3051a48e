namespace Petitions.Core.Updates;

// Field sizes shared by the validators and the EF configuration.
public static class UpdateRules
{
    public const int TitleMaxLength = 200;
    public const int BodyMaxLength = 20_000;
}
