using Mosaic.Cli.Supervisor;
using Mosaic.Cli.Tests.Support;

namespace Mosaic.Cli.Tests.Supervisor;

public class LogTailTests
{
    [Fact]
    public void The_last_lines_of_a_long_log_come_back_in_order()
    {
        using var workspace = TempWorkspace.Empty();
        var path = Path.Combine(workspace.Root, "service.log");
        // Far longer than one read chunk, so the tail is found by reading backwards.
        File.WriteAllLines(path, Enumerable.Range(1, 5000).Select(i => $"line {i} " + new string('x', i % 70)));

        var tail = LogTail.Read(path, 10);

        Assert.Equal(Enumerable.Range(4991, 10).Select(i => $"line {i} " + new string('x', i % 70)), tail);
    }

    [Fact]
    public void A_last_line_without_a_newline_still_counts()
    {
        using var workspace = TempWorkspace.Empty();
        var path = Path.Combine(workspace.Root, "service.log");
        File.WriteAllText(path, "one\r\ntwo\nthree\nfour (cut short by a crash)");

        Assert.Equal(["three", "four (cut short by a crash)"], LogTail.Read(path, 2));
    }

    [Fact]
    public void A_short_log_comes_back_whole()
    {
        using var workspace = TempWorkspace.Empty();
        var path = Path.Combine(workspace.Root, "service.log");
        File.WriteAllText(path, "only\nthree\nlines\n");

        Assert.Equal(["only", "three", "lines"], LogTail.Read(path, 10));
    }

    [Fact]
    public void A_missing_or_empty_log_has_no_lines()
    {
        using var workspace = TempWorkspace.Empty();
        var path = Path.Combine(workspace.Root, "service.log");

        Assert.Empty(LogTail.Read(path, 10));
        File.WriteAllText(path, "");
        Assert.Empty(LogTail.Read(path, 10));
    }

    [Fact]
    public void Multi_byte_characters_survive()
    {
        using var workspace = TempWorkspace.Empty();
        var path = Path.Combine(workspace.Root, "service.log");
        File.WriteAllText(path, "prix: 12 €\nnaïve café ✓\n");

        Assert.Equal(["prix: 12 €", "naïve café ✓"], LogTail.Read(path, 5));
    }
}
