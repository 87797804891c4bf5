using Mosaic.Platform.Files;

namespace Mosaic.Platform.Tests.Files;

public sealed class ExclusiveFileTests
{
    [Fact]
    public async Task Of_many_racing_writers_exactly_one_puts_its_file_in_place_and_nothing_else_is_left()
    {
        var folder = Directory.CreateTempSubdirectory("mosaic-exclusive-").FullName;
        try
        {
            var path = Path.Combine(folder, "key");
            using var start = new ManualResetEventSlim();
            var racers = Enumerable.Range(0, 32).Select(i => Task.Run(() =>
            {
                var written = Path.Combine(folder, $"key.{i}.tmp");
                File.WriteAllText(written, $"writer {i}");
                start.Wait(TestContext.Current.CancellationToken);
                return ExclusiveFile.TryPublish(written, path) ? $"writer {i}" : null;
            }, TestContext.Current.CancellationToken)).ToList();
            start.Set();

            var winners = (await Task.WhenAll(racers)).OfType<string>().ToList();

            Assert.Equal(await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken), Assert.Single(winners));
            Assert.Equal(["key"], Directory.GetFiles(folder).Select(Path.GetFileName));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
