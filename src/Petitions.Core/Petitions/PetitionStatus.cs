namespace Petitions.Core.Petitions;

public enum PetitionStatus
{
    Draft,
    Open,
    Closed,
    Delivered,
}
