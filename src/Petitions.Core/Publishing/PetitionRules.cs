namespace Petitions.Core.Publishing;

// Field sizes shared by the validators and the EF configuration, so the two never disagree.
public static class PetitionRules
{
    public const int SlugMaxLength = 100;
    public const int TitleMaxLength = 200;
    public const int RecipientNameMaxLength = 200;
    public const int RecipientAddressMaxLength = 500;
    public const int SummaryMaxLength = 1000;
    public const int BodyMaxLength = 20_000;
}
