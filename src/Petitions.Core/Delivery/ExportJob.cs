namespace Petitions.Core.Delivery;

[Flags]
public enum ExportFormats
{
    None = 0,
    Pdf = 1,
    Csv = 2,
    StaffCsv = 4,
}

public enum ExportStatus
{
    Queued,
    Running,
    Done,
    Failed,
}

// A request for a delivery pack, and how far it has got. A worker on any app instance claims it
// (see ExportWorker); the files it makes stay on disk until staff delete the job.
public sealed class ExportJob
{
    private ExportJob() { }

    public long Id { get; private set; }
    public int PetitionId { get; private set; }
    public ExportFormats Formats { get; private set; }
    public int VolumeSize { get; private set; }
    public ExportStatus Status { get; private set; }
    public string Stage { get; private set; } = "";
    public long RowsDone { get; private set; }
    public long RowsTotal { get; private set; }
    public List<string> Files { get; private set; } = [];
    public string? Sha256 { get; private set; }
    public long? SignatureCount { get; private set; }
    public string? Error { get; private set; }
    public string RequestedBy { get; private set; } = "";
    public DateTimeOffset RequestedAt { get; private set; }
    public DateTimeOffset? StartedAt { get; private set; }
    public DateTimeOffset? FinishedAt { get; private set; }
    public DateTimeOffset? LockedUntil { get; private set; }
    public int Attempts { get; private set; }

    public bool IsFinished => Status is ExportStatus.Done or ExportStatus.Failed;

    public static ExportJob Queue(int petitionId, ExportFormats formats, int volumeSize, string requestedBy, DateTimeOffset now)
    {
        if (formats == ExportFormats.None)
            throw new ArgumentException("Choose at least one format.", nameof(formats));
        ArgumentOutOfRangeException.ThrowIfLessThan(volumeSize, DeliveryRules.MinVolumeSize);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(volumeSize, DeliveryRules.MaxVolumeSize);
        return new ExportJob
        {
            PetitionId = petitionId,
            Formats = formats,
            VolumeSize = volumeSize,
            Status = ExportStatus.Queued,
            Stage = "Waiting to start",
            RequestedBy = requestedBy,
            RequestedAt = now,
        };
    }

    // The directory, under the export directory, that holds this job's files.
    public string Folder => $"job-{Id}";
}
