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

// How far a job has got, kept as a word rather than a sentence: the page tells staff in their
// own language, and the command line in English.
public enum ExportStage
{
    Waiting,
    Starting,
    // The list is read to count and hash it, with no CSV file asked for.
    Counting,
    WritingCsv,
    WritingStaffCsv,
    WritingPdf,
    Done,
    Failed,
}

public enum ExportFailure
{
    PetitionMissing,
    // Its worker went down mid-export this often, so the export itself is the likely cause.
    TooManyAttempts,
    // Anything else; the exception's message is kept with it for staff.
    Unexpected,
}

// A request for a delivery pack, and how far it has got. A worker on any app instance claims it
// (see ExportWorker); the files it makes stay on disk until staff delete the job.
public sealed class ExportJob
{
    // A job that has been started this often without finishing is not started again.
    public const int MaxAttempts = 3;
    public const int ErrorMaxLength = 2000;

    private ExportJob() { }

    public long Id { get; private set; }
    public int PetitionId { get; private set; }
    public ExportFormats Formats { get; private set; }
    public int VolumeSize { get; private set; }
    public ExportStatus Status { get; private set; }
    public ExportStage Stage { get; private set; }
    // While the PDF is written: how many volumes it makes.
    public int? VolumeCount { get; private set; }
    public long RowsDone { get; private set; }
    public long RowsTotal { get; private set; }
    public List<string> Files { get; private set; } = [];
    public string? Sha256 { get; private set; }
    public long? SignatureCount { get; private set; }
    public ExportFailure? Failure { get; private set; }
    // The message of the exception behind an unexpected failure, shown to staff as it is.
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
            Stage = ExportStage.Waiting,
            RequestedBy = requestedBy,
            RequestedAt = now,
        };
    }

    // Claimed by a worker: a queued job, or a running one whose worker's lease has lapsed (its
    // instance died), which then starts again from the beginning.
    public void Start(DateTimeOffset now, DateTimeOffset lockedUntil)
    {
        if (IsFinished || (Status == ExportStatus.Running && LockedUntil >= now))
            throw new InvalidOperationException($"Export {Id} is {Status} and cannot be started.");
        Status = ExportStatus.Running;
        Stage = ExportStage.Starting;
        StartedAt = now;
        LockedUntil = lockedUntil;
        Attempts++;
        RowsDone = 0;
        VolumeCount = null;
        Failure = null;
        Error = null;
    }

    public bool HasUsedUpItsAttempts => Attempts > MaxAttempts;

    // Each report renews the worker's lease: a job that goes on making progress is never taken up
    // by another instance.
    public void Advance(ExportStage stage, long done, long total, int? volumeCount, DateTimeOffset lockedUntil)
    {
        RequireRunning();
        if (stage is not (ExportStage.Counting or ExportStage.WritingCsv or ExportStage.WritingStaffCsv or ExportStage.WritingPdf))
            throw new ArgumentOutOfRangeException(nameof(stage), stage, "Not a stage a running export reports.");
        if ((stage == ExportStage.WritingPdf) != volumeCount is not null)
            throw new ArgumentException("Only the PDF, and always the PDF, comes in volumes.", nameof(volumeCount));
        ArgumentOutOfRangeException.ThrowIfNegative(done);
        Stage = stage;
        RowsDone = done;
        RowsTotal = total;
        VolumeCount = volumeCount;
        LockedUntil = lockedUntil;
    }

    public void Finish(IEnumerable<string> files, string sha256, long signatureCount, DateTimeOffset now)
    {
        RequireRunning();
        Status = ExportStatus.Done;
        Stage = ExportStage.Done;
        Files = files.ToList();
        Sha256 = sha256;
        SignatureCount = signatureCount;
        RowsDone = signatureCount;
        RowsTotal = signatureCount;
        FinishedAt = now;
        LockedUntil = null;
    }

    public void Fail(ExportFailure failure, DateTimeOffset now, string? error = null)
    {
        RequireRunning();
        Status = ExportStatus.Failed;
        Stage = ExportStage.Failed;
        Failure = failure;
        Error = error is { Length: > ErrorMaxLength } ? error[..ErrorMaxLength] : error;
        FinishedAt = now;
        LockedUntil = null;
    }

    private void RequireRunning()
    {
        if (Status != ExportStatus.Running)
            throw new InvalidOperationException($"Export {Id} is {Status}, not running.");
    }

    // The directory, under the export directory, that holds this job's files.
    public string Folder => $"job-{Id}";
}
