using Petitions.Core.Delivery;

namespace Petitions.Tests.Delivery;

// A job changes only as an export can: started by a worker, then advanced, finished or failed
// while it runs, and never changed again once it ends.
public sealed class ExportJobTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    private static ExportJob Queued() => ExportJob.Queue(1, ExportFormats.Pdf | ExportFormats.Csv, 100_000, "admin@example.org", Now);

    [Fact]
    public void An_export_never_started_cannot_be_finished_advanced_or_failed()
    {
        var job = Queued();

        Assert.Throws<InvalidOperationException>(() => job.Finish(["river-signers.csv"], new string('a', 64), 3, Now));
        Assert.Throws<InvalidOperationException>(() => job.Advance(ExportStage.WritingCsv, 1, 3, null, Now + Lease));
        Assert.Throws<InvalidOperationException>(() => job.Fail(ExportFailure.Unexpected, Now));
        Assert.Equal((ExportStatus.Queued, ExportStage.Waiting, 0), (job.Status, job.Stage, job.Attempts));
    }

    [Fact]
    public void A_running_export_is_started_again_only_once_its_lease_has_lapsed_and_then_from_the_beginning()
    {
        var job = Queued();
        job.Start(Now, Now + Lease);
        job.Advance(ExportStage.WritingPdf, 40, 60, 3, Now + Lease);

        Assert.Throws<InvalidOperationException>(() => job.Start(Now + Lease - TimeSpan.FromSeconds(1), Now + 2 * Lease));

        job.Start(Now + Lease + TimeSpan.FromSeconds(1), Now + 2 * Lease);
        Assert.Equal((ExportStatus.Running, ExportStage.Starting, 2, 0L, (int?)null), (job.Status, job.Stage, job.Attempts, job.RowsDone, job.VolumeCount));
    }

    [Fact]
    public void A_finished_export_is_never_started_advanced_or_failed_afterwards()
    {
        var job = Queued();
        job.Start(Now, Now + Lease);
        job.Finish(["river-signers.csv", "river-delivery.pdf"], new string('a', 64), 60, Now);

        Assert.Throws<InvalidOperationException>(() => job.Start(Now + 2 * Lease, Now + 3 * Lease));
        Assert.Throws<InvalidOperationException>(() => job.Advance(ExportStage.WritingCsv, 1, 60, null, Now + Lease));
        Assert.Throws<InvalidOperationException>(() => job.Fail(ExportFailure.Unexpected, Now));
        Assert.Equal((ExportStatus.Done, ExportStage.Done, 60L, (DateTimeOffset?)null), (job.Status, job.Stage, job.SignatureCount, job.LockedUntil));
    }

    [Fact]
    public void Only_the_pdf_is_written_in_volumes_and_a_running_export_reports_only_its_working_stages()
    {
        var job = Queued();
        job.Start(Now, Now + Lease);

        Assert.Throws<ArgumentException>(() => job.Advance(ExportStage.WritingCsv, 1, 3, 2, Now + Lease));
        Assert.Throws<ArgumentException>(() => job.Advance(ExportStage.WritingPdf, 1, 3, null, Now + Lease));
        Assert.Throws<ArgumentOutOfRangeException>(() => job.Advance(ExportStage.Done, 3, 3, null, Now + Lease));
        Assert.Equal(ExportStage.Starting, job.Stage);
    }

    [Fact]
    public void A_failure_foreseen_keeps_no_message_and_an_unexpected_one_keeps_its_message_cut_to_fit()
    {
        var foreseen = Queued();
        foreseen.Start(Now, Now + Lease);
        foreseen.Fail(ExportFailure.TooManyAttempts, Now);
        var unexpected = Queued();
        unexpected.Start(Now, Now + Lease);
        unexpected.Fail(ExportFailure.Unexpected, Now, new string('x', ExportJob.ErrorMaxLength + 10));

        Assert.Equal((ExportStatus.Failed, ExportStage.Failed, ExportFailure.TooManyAttempts, (string?)null),
            (foreseen.Status, foreseen.Stage, foreseen.Failure, foreseen.Error));
        Assert.Equal(ExportJob.ErrorMaxLength, unexpected.Error!.Length);
        Assert.Null(unexpected.LockedUntil);
    }
}
