namespace Petitions.Core.Email;

// Absolute links for emails. The web layer implements it because only it knows its routes
// and the public address the app is reached at.
public interface IPublicLinks
{
    string Petition(string slug);
    string ConfirmSignature(string token);
    string AcceptStaffInvitation(string email, string token);
    string ManageSignature(string token);
    string PrivacyNotice();
}
