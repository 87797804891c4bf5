using Mosaic.Platform.Tests.Certificates.Support;

namespace Mosaic.Platform.Tests.Certificates;

/// <summary>
/// The policy lets <c>shop</c> read <c>/items/*</c> and nothing else; <c>/admin/secret</c> exists and is
/// denied. Every spelling below tries to reach it, or to make the check and the dispatch disagree. Each is
/// sent byte for byte, with a valid certificate, on a connection of its own: none may run the endpoint.
/// </summary>
public sealed class PathBypassTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> Attempts =>
    [
        "/admin/secret",
        "/items/../admin/secret",
        "/items/%2e%2e/admin/secret",
        "/items/%2E%2E/admin/secret",
        "/items/.%2e/admin/secret",
        "/items/%252e%252e/admin/secret",
        "/items%2F..%2Fadmin%2Fsecret",
        "/items/..%2Fadmin%2Fsecret",
        "/items/%2F..%2Fadmin/secret",
        "/items/x/../../admin/secret",
        "//admin/secret",
        "/./admin/secret",
        "/admin/./secret",
        "/admin//secret",
        "/admin/secret/",
        "/ADMIN/secret",
        "/Admin/Secret",
        "/%61dmin/secret",
        "/admin%2Fsecret",
        "/admin%252Fsecret",
        "/admin\\secret",
        "/items/..\\admin\\secret",
        "/items/%5c..%5cadmin%5csecret",
        "/items/%c0%ae%c0%ae/admin/secret",
        "/items/\uFF0E\uFF0E/admin/secret",
        "/items/%EF%BC%8E%EF%BC%8E/admin/secret",
        "/items%EF%BC%8F..%EF%BC%8Fadmin/secret",
        "/\uFF41dmin/secret",
        "/%EF%BD%81dmin/secret",
        "/admin;/secret",
        "/admin/secret;.json",
        "/admin/secret%00",
        "/admin/secret%20",
        "/items/1/../../admin/secret?x=/items/1",
        "/items/1#/../../admin/secret",
    ];

    [Theory]
    [MemberData(nameof(Attempts))]
    public async Task No_spelling_of_a_denied_path_reaches_its_endpoint(string target)
    {
        await using var service = await SecureService.StartAsync();

        var status = await service.RawGetAsync(service.CertificateOf("shop"), target);

        Assert.Equal(0, service.SecretReads);
        Assert.True(status is 0 or >= 400, $"'{target}' was answered {status}");
    }

    [Theory]
    [InlineData("/items/42")]
    [InlineData("/items/42/")]
    [InlineData("//items//42")]
    [InlineData("/ITEMS/42")]
    [InlineData("/items/./42")]
    public async Task Harmless_spellings_of_an_allowed_path_still_work(string target)
    {
        await using var service = await SecureService.StartAsync();

        var status = await service.RawGetAsync(service.CertificateOf("shop"), target);

        Assert.Equal(200, status);
    }
}
