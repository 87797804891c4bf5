namespace Mosaic.Cli.Environments.Promotion;

/// <summary>One value written into the target environment's overlay, or one secret re-encrypted into its store.</summary>
/// <param name="Path">The path in the overlay (<c>services.NAME.Section.Key</c>), or the secret store's file for a secret.</param>
public sealed record PromotionStep(string File, string Path, string From, string To)
{
    public override string ToString() => $"{File}: {Path}: {From} → {To}";
}
