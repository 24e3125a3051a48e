using Petitions.Core.Signing;

namespace Petitions.Core.Updates;

// Who an update reaches, in one place for the count staff see before sending and for the job.
// Never a signer who withdrew, was anonymised, invalidated or flagged, never one who has not
// confirmed, never one who unsubscribed, and never a paper signature: its signer gave no consent
// to email. Updates go to those who asked for them; the two notices to every counted signer.
public static class UpdateRecipients
{
    public static IQueryable<Signature> Of(IQueryable<Signature> signatures, int petitionId, UpdateAudience audience)
    {
        var reachable = signatures.Where(Signature.Counted).Where(s => s.PetitionId == petitionId
            && s.WithdrawnAt == null && s.AnonymisedAt == null && s.UnsubscribedAt == null
            && s.Source == SignatureSource.Online && s.Email != null);
        return audience == UpdateAudience.Subscribers ? reachable.Where(s => s.WantsUpdates) : reachable;
    }
}
