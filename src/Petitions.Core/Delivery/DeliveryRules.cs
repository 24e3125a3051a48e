namespace Petitions.Core.Delivery;

// Field sizes shared by the validators and the EF configuration.
public static class DeliveryRules
{
    public const int CoverLetterMaxLength = 5_000;
    public const int OrganiserMaxLength = 200;
    public const int MinVolumeSize = 100;
    public const int MaxVolumeSize = 1_000_000;
    public const int Sha256HexLength = 64;
    public const int PlaceMaxLength = 300;
    public const int DeliveredByMaxLength = 200;
    public const int ResponseMaxLength = 20_000;

    // How the list shows a signer who asked to be left out of it. They are still counted and numbered.
    public const string WithheldName = "Name withheld at the signer's request";
}
