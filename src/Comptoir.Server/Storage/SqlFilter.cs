using System.Globalization;
using System.Text;
using Dapper;

namespace Comptoir.Server.Storage;

/// <summary>
/// Builds a WHERE clause and its parameters from optional filters. Lists become explicit parameters (Dapper would
/// hand a list to Npgsql as one array, which IN cannot take); absent filters add nothing.
/// </summary>
public sealed class SqlFilter
{
    private readonly StringBuilder _where;
    private int _next;

    public SqlFilter(string baseCondition, object baseParameters)
    {
        _where = new StringBuilder(baseCondition);
        Parameters = new DynamicParameters(baseParameters);
    }

    public DynamicParameters Parameters { get; }

    public string Where => _where.ToString();

    /// <summary>column op value, when value is not null (op is =, &gt;=, &lt;=).</summary>
    public SqlFilter Compare(string column, string op, object? value)
    {
        if (value is not null)
        {
            var name = Next();
            _where.Append(CultureInfo.InvariantCulture, $" AND {column} {op} @{name}");
            Parameters.Add(name, value);
        }

        return this;
    }

    /// <summary>column IN (values), when there are values.</summary>
    public SqlFilter In(string column, IReadOnlyList<string> values)
    {
        if (values.Count == 0)
        {
            return this;
        }

        var names = values.Select(_ => Next()).ToList();
        _where.Append(CultureInfo.InvariantCulture, $" AND {column} IN (").Append(string.Join(", ", names.Select(n => "@" + n))).Append(')');
        for (var i = 0; i < names.Count; i++)
        {
            Parameters.Add(names[i], values[i]);
        }

        return this;
    }

    /// <summary>A literal condition (no user input in it).</summary>
    public SqlFilter And(string condition, string? parameter = null, object? value = null)
    {
        _where.Append(" AND ").Append(condition);
        if (parameter is not null)
        {
            Parameters.Add(parameter, value);
        }

        return this;
    }

    private string Next() => "f" + (_next++).ToString(CultureInfo.InvariantCulture);
}
