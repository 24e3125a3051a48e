using Microsoft.EntityFrameworkCore;
using Npgsql;
using Petitions.Tests.Infrastructure;

namespace Petitions.Tests.BadInput;

public sealed class DatabaseChecksTests(PetitionsApp app) : IClassFixture<PetitionsApp>
{
    [Theory]
    [InlineData("a@example.org\r\nBcc: x@y.z")]
    [InlineData("a@example.org\nBcc: x@y.z")]
    [InlineData("a b@example.org")]
    [InlineData("a@example.org\u001B")]
    public async Task The_database_refuses_an_address_that_could_add_a_header_even_from_a_path_that_skips_the_validators(string address)
    {
        var slug = await A.Petition().Open().With(A.Signature("Ana Silva")).BuildAsync(app);
        var petitionId = await app.PetitionIdAsync(slug);

        var signature = await Assert.ThrowsAsync<PostgresException>(() => app.WithDbAsync(db =>
            db.Database.ExecuteSqlAsync($"UPDATE signatures SET email = {address} WHERE petition_id = {petitionId}")));
        var outbox = await Assert.ThrowsAsync<PostgresException>(() => app.WithDbAsync(db => db.Database.ExecuteSqlAsync($"""
            INSERT INTO outbox_messages (message_id, to_address, to_name, subject, text_body, html_body, created_at, attempts, next_attempt_at)
            VALUES ({Guid.NewGuid().ToString("N") + "@example.org"}, {address}, '', 's', 't', 'h', now(), 0, now())
            """)));

        Assert.Equal(PostgresErrorCodes.CheckViolation, signature.SqlState);
        Assert.Equal(PostgresErrorCodes.CheckViolation, outbox.SqlState);
    }
}
