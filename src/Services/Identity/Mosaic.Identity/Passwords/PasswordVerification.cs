namespace Mosaic.Identity.Passwords;

public enum PasswordVerification
{
    Failed,
    Success,

    /// <summary>The password is right, but the stored hash is weaker than today's: store a fresh one.</summary>
    SuccessRehashNeeded,
}
