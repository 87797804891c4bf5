using Mosaic.Identity.Tests.Support;

namespace Mosaic.Identity.Tests.Configuration;

public sealed class CommittedSchemaTests
{
    [Fact]
    public void The_committed_configuration_schema_is_what_identity_declares()
    {
        using var state = new IdentityState();
        using var app = new IdentityApp(state);
        CommittedConfigSchema.AssertCurrent(app.Services, "identity");
    }
}
