namespace Mosaic.Platform.Data;

/// <summary>Settings under <c>Mosaic:Database</c>; the connection string itself is <c>ConnectionStrings:SERVICE</c>.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Mosaic:Database";

    public const string Sqlite = "sqlite";
    public const string PostgreSql = "postgresql";

    public static readonly IReadOnlyList<string> Providers = [Sqlite, PostgreSql];

    /// <summary><c>sqlite</c> (a file under the state folder, the default) or <c>postgresql</c> (needs <c>ConnectionStrings:SERVICE</c>).</summary>
    public string Provider { get; set; } = Sqlite;
}
