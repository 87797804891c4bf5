using Mosaic.Identity.Tests.Support;

namespace Mosaic.Identity.Tests.Contracts;

public sealed class CommittedContractTests
{
    [Fact]
    public void The_committed_contract_is_what_identity_exposes()
    {
        using var state = new IdentityState();
        using var app = new IdentityApp(state);
        CommittedServiceContract.AssertCurrent(app.Services, "identity");
    }
}
