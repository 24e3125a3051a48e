namespace Petitions.Core.Publishing;

public enum PetitionStatus
{
    Draft,
    Open,
    Closed,
    Delivered,
}
