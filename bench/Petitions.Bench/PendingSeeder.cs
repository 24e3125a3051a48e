using System.Security.Cryptography;
using Npgsql;
using NpgsqlTypes;
using Petitions.Core.Signing;
using Petitions.Core.Text;

namespace Petitions.Bench;

// COUNT pending signatures on one petition, each with a confirmation token whose raw value is
// written to TOKEN_FILE, one a line, for bench/surge.sh to confirm through the site. Tokens are
// made and stored as the app makes them (ConfirmationToken): 32 random bytes in base64url, and
// only their SHA-256 in the table.
public static class PendingSeeder
{
    public static async Task<int> RunAsync(string connectionString, string slug, int count, string tokenFile)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        int petitionId, version;
        await using (var command = new NpgsqlCommand("SELECT id, current_version FROM petitions WHERE slug = @slug", connection))
        {
            command.Parameters.AddWithValue("slug", slug);
            await using var reader = await command.ExecuteReaderAsync();
            if (!await reader.ReadAsync())
                throw new InvalidOperationException($"No petition '{slug}'.");
            (petitionId, version) = (reader.GetInt32(0), reader.GetInt32(1));
        }

        var now = DateTimeOffset.UtcNow;
        var ids = new long[count];
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            // Signatures, then their ids in the order written (one COPY, so ids are consecutive).
            await using (var writer = await connection.BeginBinaryImportAsync("""
                COPY signatures (petition_id, name, email, normalized_email, country, show_name_publicly, wants_updates,
                    withhold_name_from_delivery, status, signed_at, ip_address, user_agent, source, petition_version, emails_sent)
                FROM STDIN (FORMAT BINARY)
                """))
            {
                for (var i = 0; i < count; i++)
                {
                    var email = $"pending.{i}@bench-confirm.example";
                    writer.StartRow();
                    writer.Write(petitionId, NpgsqlDbType.Integer);
                    writer.Write($"Pending Signer {i}", NpgsqlDbType.Varchar);
                    writer.Write(email, NpgsqlDbType.Varchar);
                    writer.Write(EmailAddresses.Normalize(email), NpgsqlDbType.Varchar);
                    writer.Write("GB", NpgsqlDbType.Char);
                    writer.Write(true, NpgsqlDbType.Boolean);
                    writer.Write(false, NpgsqlDbType.Boolean);
                    writer.Write(false, NpgsqlDbType.Boolean);
                    writer.Write(nameof(SignatureStatus.Pending), NpgsqlDbType.Varchar);
                    writer.Write(now.AddMinutes(-10), NpgsqlDbType.TimestampTz);
                    writer.Write(new System.Net.IPAddress([198, 51, (byte)(100 + i / 65536 % 100), (byte)(i / 256 % 256)]), NpgsqlDbType.Inet);
                    writer.Write("bench", NpgsqlDbType.Varchar);
                    writer.Write(nameof(SignatureSource.Online), NpgsqlDbType.Varchar);
                    writer.Write(version, NpgsqlDbType.Integer);
                    writer.Write(1, NpgsqlDbType.Integer);
                }
                await writer.CompleteAsync();
            }
            await using (var command = new NpgsqlCommand("""
                SELECT id, normalized_email FROM signatures
                WHERE petition_id = @p AND normalized_email LIKE 'pending.%@bench-confirm.example'
                """, connection, transaction))
            {
                command.Parameters.AddWithValue("p", petitionId);
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    var email = reader.GetString(1);
                    ids[int.Parse(email["pending.".Length..email.IndexOf('@')])] = reader.GetInt64(0);
                }
            }

            await using var output = new StreamWriter(tokenFile);
            await using (var writer = await connection.BeginBinaryImportAsync(
                "COPY confirmation_tokens (signature_id, hash, created_at, expires_at) FROM STDIN (FORMAT BINARY)"))
            {
                for (var i = 0; i < count; i++)
                {
                    var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(ConfirmationToken.TokenBytes))
                        .TrimEnd('=').Replace('+', '-').Replace('/', '_');
                    if (!ConfirmationToken.LooksValid(token))
                        throw new InvalidOperationException("A generated token does not look like the app's.");
                    writer.StartRow();
                    writer.Write(ids[i], NpgsqlDbType.Bigint);
                    writer.Write(ConfirmationToken.HashOf(token), NpgsqlDbType.Bytea);
                    writer.Write(now.AddMinutes(-10), NpgsqlDbType.TimestampTz);
                    writer.Write(now.AddDays(7), NpgsqlDbType.TimestampTz);
                    await output.WriteLineAsync(token);
                }
                await writer.CompleteAsync();
            }
            await transaction.CommitAsync();
        }
        await using (var command = new NpgsqlCommand("ANALYZE signatures; ANALYZE confirmation_tokens", connection))
            await command.ExecuteNonQueryAsync();
        Console.Error.WriteLine($"{count:N0} pending signatures with tokens on petition {petitionId}; tokens in {tokenFile}");
        return 0;
    }
}
