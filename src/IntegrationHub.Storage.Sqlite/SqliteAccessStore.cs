using IntegrationHub.Access;
using Microsoft.Data.Sqlite;

namespace IntegrationHub.Storage.Sqlite;

/// <summary>Users and API keys in the hub's SQLite file.</summary>
public sealed class SqliteAccessStore(SqliteHubDatabase database) : IAccessStore
{
    private const string UserColumns = "id, user_name, password_hash, role, labs, disabled, created_at, security_stamp";
    private const string KeyColumns = "id, name, prefix, key_hash, role, labs, created_by, created_at, revoked_at";

    public async Task<HubUser?> FindUserAsync(string userName, CancellationToken cancellationToken) =>
        First(await ReadAsync($"SELECT {UserColumns} FROM hub_user WHERE user_name = $name", c => c.Parameters.AddWithValue("$name", userName), ReadUser, cancellationToken));

    public Task<IReadOnlyList<HubUser>> ListUsersAsync(CancellationToken cancellationToken) =>
        ReadAsync($"SELECT {UserColumns} FROM hub_user ORDER BY user_name", _ => { }, ReadUser, cancellationToken);

    public async Task<bool> CreateUserAsync(HubUser user, CancellationToken cancellationToken)
    {
        await using var lease = await database.OpenForWriteAsync(cancellationToken);
        await using var command = lease.Connection.CreateCommand();
        command.CommandText = """
            INSERT INTO hub_user (user_name, password_hash, role, labs, disabled, created_at, security_stamp)
            VALUES ($name, $hash, $role, $labs, $disabled, $at, $stamp) ON CONFLICT (user_name) DO NOTHING
            """;
        BindUser(command, user);
        command.Parameters.AddWithValue("$at", SqliteTime.ToMs(user.CreatedAt));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<bool> UpdateUserAsync(HubUser user, CancellationToken cancellationToken)
    {
        await using var lease = await database.OpenForWriteAsync(cancellationToken);
        await using var command = lease.Connection.CreateCommand();
        command.CommandText = "UPDATE hub_user SET password_hash = $hash, role = $role, labs = $labs, disabled = $disabled, security_stamp = $stamp WHERE user_name = $name";
        BindUser(command, user);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<bool> SetSecurityStampAsync(string userName, string securityStamp, CancellationToken cancellationToken)
    {
        await using var lease = await database.OpenForWriteAsync(cancellationToken);
        await using var command = lease.Connection.CreateCommand();
        command.CommandText = "UPDATE hub_user SET security_stamp = $stamp WHERE user_name = $name";
        command.Parameters.AddWithValue("$name", userName);
        command.Parameters.AddWithValue("$stamp", securityStamp);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<HubApiKey?> FindApiKeyAsync(string keyHash, CancellationToken cancellationToken) =>
        First(await ReadAsync($"SELECT {KeyColumns} FROM hub_api_key WHERE key_hash = $hash", c => c.Parameters.AddWithValue("$hash", keyHash), ReadKey, cancellationToken));

    public Task<IReadOnlyList<HubApiKey>> ListApiKeysAsync(CancellationToken cancellationToken) =>
        ReadAsync($"SELECT {KeyColumns} FROM hub_api_key ORDER BY id", _ => { }, ReadKey, cancellationToken);

    public async Task<HubApiKey> CreateApiKeyAsync(HubApiKey key, CancellationToken cancellationToken)
    {
        await using var lease = await database.OpenForWriteAsync(cancellationToken);
        await using var command = lease.Connection.CreateCommand();
        command.CommandText = """
            INSERT INTO hub_api_key (name, prefix, key_hash, role, labs, created_by, created_at)
            VALUES ($name, $prefix, $hash, $role, $labs, $by, $at) RETURNING id
            """;
        command.Parameters.AddWithValue("$name", key.Name);
        command.Parameters.AddWithValue("$prefix", key.Prefix);
        command.Parameters.AddWithValue("$hash", key.KeyHash);
        command.Parameters.AddWithValue("$role", key.Role.ToString());
        command.Parameters.AddWithValue("$labs", key.Labs.ToString());
        command.Parameters.AddWithValue("$by", key.CreatedBy);
        command.Parameters.AddWithValue("$at", SqliteTime.ToMs(key.CreatedAt));
        return key with { Id = (long)(await command.ExecuteScalarAsync(cancellationToken))! };
    }

    public async Task<bool> RevokeApiKeyAsync(long id, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var lease = await database.OpenForWriteAsync(cancellationToken);
        await using var command = lease.Connection.CreateCommand();
        command.CommandText = "UPDATE hub_api_key SET revoked_at = $at WHERE id = $id AND revoked_at IS NULL";
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$at", SqliteTime.ToMs(at));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private static T? First<T>(IReadOnlyList<T> rows) where T : class => rows.Count > 0 ? rows[0] : null;

    private static void BindUser(SqliteCommand command, HubUser user)
    {
        command.Parameters.AddWithValue("$name", user.UserName);
        command.Parameters.AddWithValue("$hash", user.PasswordHash);
        command.Parameters.AddWithValue("$role", user.Role.ToString());
        command.Parameters.AddWithValue("$labs", user.Labs.ToString());
        command.Parameters.AddWithValue("$disabled", user.Disabled ? 1 : 0);
        command.Parameters.AddWithValue("$stamp", user.SecurityStamp);
    }

    private static HubUser ReadUser(SqliteDataReader r) => new()
    {
        Id = r.GetInt64(0),
        UserName = r.GetString(1),
        PasswordHash = r.GetString(2),
        Role = Enum.Parse<HubRole>(r.GetString(3)),
        Labs = LabScope.Parse(r.GetString(4)),
        Disabled = r.GetInt64(5) != 0,
        CreatedAt = SqliteTime.FromMs(r.GetInt64(6)),
        SecurityStamp = r.GetString(7),
    };

    private static HubApiKey ReadKey(SqliteDataReader r) => new()
    {
        Id = r.GetInt64(0),
        Name = r.GetString(1),
        Prefix = r.GetString(2),
        KeyHash = r.GetString(3),
        Role = Enum.Parse<HubRole>(r.GetString(4)),
        Labs = LabScope.Parse(r.GetString(5)),
        CreatedBy = r.GetString(6),
        CreatedAt = SqliteTime.FromMs(r.GetInt64(7)),
        RevokedAt = r.IsDBNull(8) ? null : SqliteTime.FromMs(r.GetInt64(8)),
    };

    private async Task<IReadOnlyList<T>> ReadAsync<T>(string sql, Action<SqliteCommand> bind, Func<SqliteDataReader, T> read, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        bind(command);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var list = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(read(reader));
        }

        return list;
    }
}
