namespace Mosaic.Platform.Messaging;

/// <summary>How a handler's effect is committed.</summary>
public enum HandlerCommit
{
    /// <summary>
    /// Messages delivered together are handled one after another and committed in one transaction,
    /// each in its own scope and savepoint (one that fails is rolled back and run again on its own).
    /// The database is write-locked meanwhile, so this is for handlers that only touch the database.
    /// </summary>
    Grouped,

    /// <summary>
    /// Each message in its own transaction, concurrently with others: for handlers that wait on
    /// another system (an HTTP call) and must not hold the database while they do.
    /// </summary>
    Alone,
}
