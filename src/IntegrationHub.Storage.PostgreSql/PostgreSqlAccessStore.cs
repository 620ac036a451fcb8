using IntegrationHub.Access;
using Npgsql;

namespace IntegrationHub.Storage.PostgreSql;

/// <summary>Users and API keys (only the keys' hashes). A name is kept as typed, unique and found whatever its case.</summary>
public sealed class PostgreSqlAccessStore(PostgreSqlHubDatabase database) : IAccessStore
{
    private const string UserColumns = "id, user_name, password_hash, role, labs, disabled, created_at, security_stamp";
    private const string KeyColumns = "id, name, prefix, key_hash, role, labs, created_by, created_at, revoked_at";

    /// <inheritdoc />
    public async Task<HubUser?> FindUserAsync(string userName, CancellationToken cancellationToken) =>
        await ReadAsync($"SELECT {UserColumns} FROM hub_user WHERE lower(user_name) = lower($1)", ReadUser, cancellationToken, userName) is [var first, ..] ? first : null;

    /// <inheritdoc />
    public Task<IReadOnlyList<HubUser>> ListUsersAsync(CancellationToken cancellationToken) =>
        ReadAsync($"SELECT {UserColumns} FROM hub_user ORDER BY lower(user_name), user_name", ReadUser, cancellationToken);

    /// <inheritdoc />
    public async Task<bool> CreateUserAsync(HubUser user, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("""
            INSERT INTO hub_user (user_name, password_hash, role, labs, disabled, security_stamp, created_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING
            """);
        BindUser(command, user);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = user.CreatedAt.ToUniversalTime() });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <inheritdoc />
    public async Task<bool> UpdateUserAsync(HubUser user, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(
            "UPDATE hub_user SET password_hash = $2, role = $3, labs = $4, disabled = $5, security_stamp = $6 WHERE lower(user_name) = lower($1)");
        BindUser(command, user);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <inheritdoc />
    public async Task<bool> SetSecurityStampAsync(string userName, string securityStamp, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("UPDATE hub_user SET security_stamp = $2 WHERE lower(user_name) = lower($1)");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = userName });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = securityStamp });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <inheritdoc />
    public async Task<HubApiKey?> FindApiKeyAsync(string keyHash, CancellationToken cancellationToken) =>
        await ReadAsync($"SELECT {KeyColumns} FROM hub_api_key WHERE key_hash = $1", ReadKey, cancellationToken, keyHash) is [var first, ..] ? first : null;

    /// <inheritdoc />
    public Task<IReadOnlyList<HubApiKey>> ListApiKeysAsync(CancellationToken cancellationToken) =>
        ReadAsync($"SELECT {KeyColumns} FROM hub_api_key ORDER BY id", ReadKey, cancellationToken);

    /// <inheritdoc />
    public async Task<HubApiKey> CreateApiKeyAsync(HubApiKey key, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("""
            INSERT INTO hub_api_key (name, prefix, key_hash, role, labs, created_by, created_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id
            """);
        foreach (var text in new[] { key.Name, key.Prefix, key.KeyHash, key.Role.ToString(), key.Labs.ToString(), key.CreatedBy })
        {
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = text });
        }

        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = key.CreatedAt.ToUniversalTime() });
        return key with { Id = (long)(await command.ExecuteScalarAsync(cancellationToken))! };
    }

    /// <inheritdoc />
    public async Task<bool> RevokeApiKeyAsync(long id, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("UPDATE hub_api_key SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL");
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = id });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = at.ToUniversalTime() });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    // $1 name, $2 hash, $3 role, $4 labs, $5 disabled, $6 stamp.
    private static void BindUser(NpgsqlCommand command, HubUser user)
    {
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = user.UserName });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = user.PasswordHash });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = user.Role.ToString() });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = user.Labs.ToString() });
        command.Parameters.Add(new NpgsqlParameter<bool> { TypedValue = user.Disabled });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = user.SecurityStamp });
    }

    private static HubUser ReadUser(NpgsqlDataReader r) => new()
    {
        Id = r.GetInt64(0),
        UserName = r.GetString(1),
        PasswordHash = r.GetString(2),
        Role = Enum.Parse<HubRole>(r.GetString(3)),
        Labs = LabScope.Parse(r.GetString(4)),
        Disabled = r.GetBoolean(5),
        CreatedAt = r.GetFieldValue<DateTimeOffset>(6),
        SecurityStamp = r.GetString(7),
    };

    private static HubApiKey ReadKey(NpgsqlDataReader r) => new()
    {
        Id = r.GetInt64(0),
        Name = r.GetString(1),
        Prefix = r.GetString(2),
        KeyHash = r.GetString(3),
        Role = Enum.Parse<HubRole>(r.GetString(4)),
        Labs = LabScope.Parse(r.GetString(5)),
        CreatedBy = r.GetString(6),
        CreatedAt = r.GetFieldValue<DateTimeOffset>(7),
        RevokedAt = r.IsDBNull(8) ? null : r.GetFieldValue<DateTimeOffset>(8),
    };

    private async Task<IReadOnlyList<T>> ReadAsync<T>(string sql, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken, params string[] parameters)
    {
        await using var command = database.CreateCommand(sql);
        foreach (var value in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = value });
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var list = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(read(reader));
        }

        return list;
    }
}
