
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

    // The page behind an update email's unsubscribe link, which is also the RFC 8058 one-click
    // address (Updates/UnsubscribeTokens makes the token).
    string Unsubscribe(string token);

    // The petition's updates as an Atom feed.
    string UpdatesFeed(string slug);
}
