namespace Mosaic.Tests.Shared;

/// <summary>The repository the tests were built from: the folder above the test output that holds Mosaic.slnx.</summary>
internal static class CheckoutRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(System.IO.Path.Combine(folder.FullName, "Mosaic.slnx"))) return folder.FullName;
        throw new InvalidOperationException($"No Mosaic.slnx above {AppContext.BaseDirectory}.");
    }
}
