namespace Mosaic.Platform.Messaging;

/// <summary>How a handler's effect is committed.</summary>
public enum HandlerCommit
{
    /// <summary>
    /// Messages delivered together are handled one after another on one scope and DbContext, each saved
    /// with its inbox row, and committed in one transaction (on PostgreSQL, several such groups at once).
    /// If one fails, the group is rolled back and each of its messages runs on its own. The database is
    /// written meanwhile, so this is for handlers that only touch the database.
    /// </summary>
    Grouped,

    /// <summary>
    /// Each message in its own transaction, concurrently with others: for handlers that wait on
    /// another system (an HTTP call) and must not hold the database while they do.
    /// </summary>
    Alone,
}
