using System.Text;

namespace Mosaic.Cli.Supervisor;

/// <summary>Reads the last lines of a log file without reading the whole file.</summary>
public static class LogTail
{
    private const int Chunk = 8 * 1024;

    public static IReadOnlyList<string> Read(string path, int lines)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(lines);
        if (!File.Exists(path)) return [];

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var end = stream.Length;
        var start = end;
        var newlines = 0;
        var buffer = new byte[Chunk];
        // Walk back chunk by chunk until one more newline than wanted is behind us (the file's own
        // trailing newline does not start a line).
        while (start > 0 && newlines <= lines)
        {
            var size = (int)Math.Min(Chunk, start);
            start -= size;
            stream.Position = start;
            stream.ReadExactly(buffer, 0, size);
            for (var i = size - 1; i >= 0; i--)
            {
                if (buffer[i] != (byte)'\n' || start + i == end - 1) continue;
                if (++newlines > lines)
                {
                    start += i + 1;
                    break;
                }
            }
        }

        stream.Position = start;
        var tail = new byte[end - start];
        stream.ReadExactly(tail);
        var text = Encoding.UTF8.GetString(tail).TrimEnd('\n', '\r');
        if (text.Length == 0) return [];
        var all = text.Split('\n').Select(line => line.TrimEnd('\r')).ToArray();
        return all.Length <= lines ? all : all[^lines..];
    }
}
