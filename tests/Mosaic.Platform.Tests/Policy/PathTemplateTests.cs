using Mosaic.Platform.Policy;

namespace Mosaic.Platform.Tests.Policy;

public class PathTemplateTests
{
    private static PathTemplate Template(string text) =>
        PathTemplate.TryParse(text, out var template, out var error) ? template! : throw new InvalidOperationException(error);

    [Theory]
    [InlineData("/products", "/products", true)]
    [InlineData("/products", "/PRODUCTS", true)]
    [InlineData("/products", "/products/1", false)]
    [InlineData("/products", "/", false)]
    [InlineData("/products/*", "/products/1", true)]
    [InlineData("/products/*", "/products", false)]
    [InlineData("/products/*", "/products/1/stock", false)]
    [InlineData("/orders/*/cancel", "/orders/42/cancel", true)]
    [InlineData("/orders/*/cancel", "/orders/42/refund", false)]
    [InlineData("/admin/**", "/admin", true)]
    [InlineData("/admin/**", "/admin/faults/x/y", true)]
    [InlineData("/admin/**", "/administrator", false)]
    [InlineData("/**", "/anything/at/all", true)]
    [InlineData("/", "/", true)]
    [InlineData("/", "/products", false)]
    [InlineData("/.well-known/jwks.json", "/.well-known/jwks.json", true)]
    public void A_template_matches_the_canonical_paths_it_describes(string template, string path, bool matches) =>
        Assert.Equal(matches, Template(template).Matches(path));

    [Theory]
    [InlineData("products", "must start with '/'")]
    [InlineData("", "must start with '/'")]
    [InlineData("/products/", "empty segment")]
    [InlineData("/a//b", "empty segment")]
    [InlineData("/**/x", "may only end a template")]
    [InlineData("/prod*", "no canonical path contains")]
    [InlineData("/a/../b", "no canonical path contains")]
    [InlineData("/a/%2F", "no canonical path contains")]
    [InlineData("/prоducts", "no canonical path contains")]
    public void A_template_no_canonical_path_could_match_is_refused_with_the_reason(string text, string reason)
    {
        Assert.False(PathTemplate.TryParse(text, out var template, out var error));
        Assert.Null(template);
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/products/1", "/products/*", true)]
    [InlineData("/products/*", "/products/*", true)]
    [InlineData("/products/*", "/products/1", false)]
    [InlineData("/products/*/stock", "/products/**", true)]
    [InlineData("/products", "/products/**", true)]
    [InlineData("/products/**", "/products/**", true)]
    [InlineData("/products/**", "/products/*", false)]
    [InlineData("/products/**", "/**", true)]
    [InlineData("/Products/1", "/products/*", true)]
    [InlineData("/orders/1", "/products/*", false)]
    [InlineData("/products", "/products/*", false)]
    [InlineData("/a/b", "/a", false)]
    public void IsCoveredBy_is_true_only_when_every_path_of_one_template_matches_the_other(string narrow, string wide, bool covered) =>
        Assert.Equal(covered, Template(narrow).IsCoveredBy(Template(wide)));

    [Fact]
    public void An_operation_is_covered_only_by_an_operation_of_its_method_or_any_method()
    {
        var get = new OperationPattern("GET", Template("/products/1"), 1);
        Assert.True(get.IsCoveredBy(new OperationPattern("GET", Template("/products/*"), 2)));
        Assert.True(get.IsCoveredBy(new OperationPattern("*", Template("/products/*"), 2)));
        Assert.False(get.IsCoveredBy(new OperationPattern("POST", Template("/products/*"), 2)));
        Assert.False(new OperationPattern("*", Template("/products/1"), 1).IsCoveredBy(new OperationPattern("GET", Template("/**"), 2)));
    }
}
