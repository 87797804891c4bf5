using Mosaic.Cli.CommandLine;
using Mosaic.Cli.Environments.Editing;

namespace Mosaic.Cli.Tests.Environments;

public class YamlTextEditorTests
{
    [Theory]
    [InlineData("EUR", "EUR")]
    [InlineData("00:00:30", "00:00:30")]
    [InlineData("${secret.api-key}", "${secret.api-key}")]
    [InlineData("~", "\"~\"")]
    [InlineData("null", "\"null\"")]
    [InlineData("a: b", "\"a: b\"")]
    [InlineData("x #y", "\"x #y\"")]
    [InlineData("", "\"\"")]
    [InlineData("-1", "\"-1\"")]
    public void A_value_is_written_plain_only_where_it_reads_back_as_itself(string value, string expected) =>
        Assert.Equal(expected, YamlScalarText.Format(value));

    [Fact]
    public void Setting_into_an_empty_file_writes_every_level()
    {
        var editor = new YamlTextEditor("environments/qa.yaml", "# qa\n");

        editor.Set(["services", "orders", "Orders", "Limit"], "3");

        Assert.Equal("# qa\nservices:\n  orders:\n    Orders:\n      Limit: 3\n", editor.Text);
    }

    [Fact]
    public void A_key_with_no_value_gets_one_and_a_block_list_is_replaced_whole()
    {
        var editor = new YamlTextEditor("f.yaml", "a:\n  empty:\n  list:\n    - x\n    - y\n  after: 1 # kept\n");

        editor.Set(["a", "empty"], "v");
        editor.Set(["A", "LIST"], "[z]");

        Assert.Equal("a:\n  empty: v\n  list:\n    [z]\n  after: 1 # kept\n", editor.Text);
    }

    [Fact]
    public void A_path_through_a_scalar_or_an_empty_flow_mapping_is_refused_with_its_line()
    {
        var throughScalar = Assert.Throws<CliException>(() => new YamlTextEditor("f.yaml", "a:\n  b: 1\n").Set(["a", "b", "c"], "2"));
        var emptyFlow = Assert.Throws<CliException>(() => new YamlTextEditor("f.yaml", "a: {}\n").Set(["a", "b"], "2"));

        Assert.StartsWith("f.yaml:2: a.b is not a block mapping", throughScalar.Message);
        Assert.StartsWith("f.yaml:1: a is not a block mapping", emptyFlow.Message);
    }
}
