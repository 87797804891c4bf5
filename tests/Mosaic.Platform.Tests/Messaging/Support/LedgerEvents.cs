namespace Mosaic.Platform.Tests.Messaging.Support;

/// <summary>The current shape of a deposit: version 2 added the currency.</summary>
public sealed record DepositMade(Guid AccountId, long AmountCents, string Currency);

/// <summary>Version 1, still in flight from older publishers.</summary>
public sealed record DepositMadeV1(Guid AccountId, long AmountCents);

/// <summary>What the auditing service publishes after recording a deposit.</summary>
public sealed record DepositAudited(Guid AccountId);

public static class LedgerEvents
{
    public const string DepositMade = "ledger.deposit-made.v2";
    public const string DepositMadeV1 = "ledger.deposit-made.v1";
    public const string DepositAudited = "audit.deposit-audited.v1";
}
