namespace Petitions.Core.Data;

// The web layer's Data Protection keys (antiforgery tokens, sign-in cookies, form timestamps),
// kept in the database so that every app instance reads and writes the same key ring.
public sealed class DataProtectionKey
{
    private DataProtectionKey() { }

    public DataProtectionKey(string friendlyName, string xml)
    {
        FriendlyName = friendlyName;
        Xml = xml;
    }

    public int Id { get; private set; }
    public string FriendlyName { get; private set; } = "";
    public string Xml { get; private set; } = "";
}
