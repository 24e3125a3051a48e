using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Petitions.Core.Updates;
using Petitions.Tests.Infrastructure;

namespace Petitions.Tests.Updates;

public sealed class UpdateSenderTests(UpdateSenderTests.PacedInstances app) : IClassFixture<UpdateSenderTests.PacedInstances>
{
    // A second instance whose sender goes at two emails a second, so one of its batches is two
    // recipients: the instance the tests stop halfway.
    public sealed class PacedInstances : PetitionsApp
    {
        public Instance Paced { get; private set; } = null!;

        public override async ValueTask InitializeAsync()
        {
            await base.InitializeAsync();
            Paced = StartInstance(b => b.UseSetting("Updates:MessagesPerSecond", "2"));
        }

        public override async ValueTask DisposeAsync()
        {
            await Paced.DisposeAsync();
            await base.DisposeAsync();
        }

        public UpdateSender PacedSender => Paced.Services.GetRequiredService<UpdateSender>();
    }

    private async Task<(int PetitionId, IReadOnlyList<AddedSupporter> Signers)> PetitionWithSubscribersAsync(int count)
    {
        var slug = await A.Petition().Open().BuildAsync(app);
        var id = await app.PetitionIdAsync(slug);
        var signers = await Supporters.AddAsync(app, id, Enumerable.Range(1, count).Select(n => Supporter.Named($"Signer {n}")).ToArray());
        return (id, signers);
    }

    private Task<PetitionUpdate> UpdateAsync(long id) =>
        app.WithDbAsync(db => db.PetitionUpdates.AsNoTracking().SingleAsync(u => u.Id == id));

    [Fact]
    public async Task The_pace_sets_each_batch_to_one_seconds_worth_taken_in_signature_order()
    {
        var (petitionId, signers) = await PetitionWithSubscribersAsync(5);
        var (updateId, lease) = await HeldUpdate.SendingAsync(app, petitionId, "Paced");

        var batches = new List<SentBatch>();
        var cursors = new List<long>();
        while (true)
        {
            var batch = await app.PacedSender.SendBatchAsync(updateId, lease, CancellationToken.None);
            Assert.NotNull(batch);
            batches.Add(batch);
            cursors.Add((await UpdateAsync(updateId)).Cursor);
            lease = batch.LockedUntil;
            if (batch.Finished)
                break;
        }

        Assert.Equal([2, 2, 1], batches.Select(b => b.Enqueued));
        Assert.Equal([signers[1].Id, signers[3].Id, signers[4].Id], cursors);
        var order = await app.WithDbAsync(db => db.OutboxMessages.Where(m => m.UpdateId == updateId).OrderBy(m => m.Id).Select(m => m.ToAddress).ToListAsync());
        Assert.Equal(signers.Select(s => s.Email), order);
        var update = await UpdateAsync(updateId);
        Assert.Equal((UpdateStatus.Sent, 5L, 5L, (DateTimeOffset?)null), (update.Status, update.Enqueued, update.RecipientsTotal, update.LockedUntil));
    }

    [Fact]
    public async Task A_job_stopped_halfway_is_taken_up_by_another_instance_and_everyone_gets_the_update_exactly_once()
    {
        var (petitionId, signers) = await PetitionWithSubscribersAsync(7);
        var (updateId, lease) = await HeldUpdate.SendingAsync(app, petitionId, "Halfway there");

        // The paced instance does two batches, then dies with the update in its hands.
        var first = await app.PacedSender.SendBatchAsync(updateId, lease, CancellationToken.None);
        var second = await app.PacedSender.SendBatchAsync(updateId, first!.LockedUntil, CancellationToken.None);
        Assert.Equal(4, (await UpdateAsync(updateId)).Enqueued);
        // As if its last batch had been committed but the cursor had not moved: the recipients it
        // already wrote are found again, and the database refuses them a second email.
        await app.WithDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE petition_updates SET cursor = {signers[1].Id} WHERE id = {updateId}"));
        await HeldUpdate.ExpireLeaseAsync(app, updateId);
        app.Services.GetRequiredService<UpdateSignal>().Notify();

        await Eventually.TrueAsync(async () => (await UpdateAsync(updateId)).Status == UpdateStatus.Sent, TimeSpan.FromSeconds(30), "the update to finish");
        await Eventually.TrueAsync(() => Task.FromResult(signers.All(s => app.Inbox.To(s.Email).Count > 0)), TimeSpan.FromSeconds(30), "every signer's email");
        await Task.Delay(1000);

        Assert.All(signers, s => Assert.Single(app.Inbox.To(s.Email)));
        var mail = signers.SelectMany(s => app.Inbox.To(s.Email)).ToList();
        Assert.Equal(7, mail.Select(m => m.MessageId).Distinct().Count());
        Assert.Equal(7, await app.WithDbAsync(db => db.UpdateRecipients.CountAsync(r => r.UpdateId == updateId)));
        Assert.Equal(7, await app.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.UpdateId == updateId)));
        Assert.Equal(7, (await UpdateAsync(updateId)).Enqueued);

        // The instance that died comes back: its lease is no longer the update's, so it does nothing.
        Assert.Null(await app.PacedSender.SendBatchAsync(updateId, second!.LockedUntil, CancellationToken.None));
    }

    [Fact]
    public async Task The_database_refuses_a_second_email_of_one_update_to_one_signer()
    {
        var (petitionId, signers) = await PetitionWithSubscribersAsync(1);
        var (updateId, lease) = await HeldUpdate.SendingAsync(app, petitionId, "Once only");
        await app.PacedSender.SendBatchAsync(updateId, lease, CancellationToken.None);

        var refused = await Assert.ThrowsAsync<PostgresException>(() => app.WithDbAsync(db =>
            db.Database.ExecuteSqlAsync($"INSERT INTO update_recipients (update_id, signature_id) VALUES ({updateId}, {signers[0].Id})")));

        Assert.Equal(PostgresErrorCodes.UniqueViolation, refused.SqlState);
    }

    [Fact]
    public async Task Cancelling_stops_the_job_before_its_next_batch()
    {
        var (petitionId, signers) = await PetitionWithSubscribersAsync(5);
        var (updateId, lease) = await HeldUpdate.SendingAsync(app, petitionId, "Stopped");
        var first = await app.PacedSender.SendBatchAsync(updateId, lease, CancellationToken.None);

        var cancelled = await app.WithServiceAsync<UpdateEditor, UpdateResult>(e =>
            e.CancelAsync(petitionId, updateId, new Core.Audit.Actor(null, "organiser@example.org", null), CancellationToken.None));

        Assert.IsType<UpdateResult.Saved>(cancelled);
        Assert.Null(await app.PacedSender.SendBatchAsync(updateId, first!.LockedUntil, CancellationToken.None));
        await Eventually.TrueAsync(() => Task.FromResult(app.Inbox.To(signers[1].Email).Count == 1), TimeSpan.FromSeconds(15), "the first batch's emails");
        await Task.Delay(500);
        Assert.Equal([1, 1, 0, 0, 0], signers.Select(s => app.Inbox.To(s.Email).Count));
        var update = await UpdateAsync(updateId);
        Assert.Equal((UpdateStatus.Cancelled, 2L), (update.Status, update.Enqueued));
        Assert.False(update.IsPublic);
    }
}
