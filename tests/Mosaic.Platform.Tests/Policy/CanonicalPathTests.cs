using Mosaic.Platform.Policy;

namespace Mosaic.Platform.Tests.Policy;

public class CanonicalPathTests
{
    [Theory]
    [InlineData("/")]
    [InlineData("/products")]
    [InlineData("/products/0f8fad5b-d9cb-469f-a165-70867728950e")]
    [InlineData("/.well-known/jwks.json")]
    [InlineData("/a/b~c/d_e/f-g/h:i/j@k/l=m")]
    [InlineData("/Products")]
    public void A_canonical_path_is_returned_as_the_same_string(string path) =>
        Assert.Same(path, CanonicalPath.Normalize(path));

    [Theory]
    [InlineData(null, "/")]
    [InlineData("", "/")]
    [InlineData("//products", "/products")]
    [InlineData("/products/", "/products")]
    [InlineData("/products//1///", "/products/1")]
    [InlineData("//", "/")]
    public void Repeated_slashes_collapse_and_a_trailing_slash_goes(string? path, string canonical) =>
        Assert.Equal(canonical, CanonicalPath.Normalize(path));

    [Theory]
    [InlineData("products")]
    [InlineData("/products/%2e%2e/admin")]
    [InlineData("/products%2Fadmin")]
    [InlineData("/products/%252e")]
    [InlineData("/products\\admin")]
    [InlineData("/products/../admin")]
    [InlineData("/products/./admin")]
    [InlineData("/..")]
    [InlineData("/products/x\t")]
    [InlineData("/products/x\0")]
    [InlineData("/products\n")]
    [InlineData("/prоducts")] // Cyrillic 'о'
    [InlineData("/products／admin")] // fullwidth solidus
    [InlineData("/products/é")]
    [InlineData("/products?x=1")]
    [InlineData("/products#x")]
    [InlineData("/a b")]
    public void A_path_that_could_be_read_two_ways_has_no_canonical_form(string path) =>
        Assert.Null(CanonicalPath.Normalize(path));
}
