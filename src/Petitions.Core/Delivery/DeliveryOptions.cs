namespace Petitions.Core.Delivery;

public sealed class DeliveryOptions
{
    public const string Section = "Delivery";

    // Where finished exports are kept until staff delete them. Every app instance must see the
    // same directory, since any instance may run a job and any may serve its download.
    public string ExportDirectory { get; set; } = Path.Combine(Path.GetTempPath(), "petitions-exports");

    // Signatures per PDF volume. Each volume is a complete document, with its own cover.
    public int VolumeSize { get; set; } = 100_000;

    // Who signs the cover letter when a petition names no organiser; the site's name by default.
    public string Organiser { get; set; } = "Petitions";

    // How often each instance looks for export jobs queued on another instance.
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    // How long a running job is reserved for the instance running it. The worker renews it as the
    // job makes progress; a job whose instance died is picked up again once it lapses.
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    // The largest delivery photo staff may upload; a phone's photo is a few megabytes.
    public long PhotoMaxBytes { get; set; } = 10 * 1024 * 1024;

    // The long side of the photo as the public page shows it: wide enough for a large screen, and
    // small enough that a hot page does not send a camera's full frame to every reader.
    public int PhotoMaxSide { get; set; } = 1600;
}
