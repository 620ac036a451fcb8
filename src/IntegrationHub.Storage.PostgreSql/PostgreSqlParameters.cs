using Npgsql;
using NpgsqlTypes;

namespace IntegrationHub.Storage.PostgreSql;

/// <summary>Positional parameters ($1, $2, ...) added in order, nulls typed so PostgreSQL need not guess.</summary>
internal static class PostgreSqlParameters
{
    public static NpgsqlCommand With(this NpgsqlCommand command, object? value, NpgsqlDbType type)
    {
        command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value, NpgsqlDbType = type });
        return command;
    }

    public static NpgsqlCommand WithText(this NpgsqlCommand command, string? value) => command.With(value, NpgsqlDbType.Text);

    public static NpgsqlCommand WithJson(this NpgsqlCommand command, string json) => command.With(PostgreSqlJson.ForJsonb(json), NpgsqlDbType.Jsonb);

    public static NpgsqlCommand WithBigint(this NpgsqlCommand command, long? value) => command.With(value, NpgsqlDbType.Bigint);

    public static NpgsqlCommand WithInteger(this NpgsqlCommand command, int? value) => command.With(value, NpgsqlDbType.Integer);

    public static NpgsqlCommand WithTime(this NpgsqlCommand command, DateTimeOffset? value) => command.With(value?.ToUniversalTime(), NpgsqlDbType.TimestampTz);

    public static NpgsqlCommand WithDouble(this NpgsqlCommand command, double? value) => command.With(value, NpgsqlDbType.Double);

    public static NpgsqlBatchCommand WithValue(this NpgsqlBatchCommand command, object? value, NpgsqlDbType type)
    {
        command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value, NpgsqlDbType = type });
        return command;
    }

    /// <summary>An array of <paramref name="elementType"/>, for statements that take a batch of rows through unnest.</summary>
    public static NpgsqlBatchCommand WithArray<T>(this NpgsqlBatchCommand command, T[] values, NpgsqlDbType elementType) =>
        command.WithValue(values, NpgsqlDbType.Array | elementType);
}
