using Mosaic.Cli.Tests.Support;
using Mosaic.Platform.Manifest;
using Mosaic.Platform.Policy;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace Mosaic.Cli.Tests.Policies;

/// <summary>The repository's own manifest and policy, copied into a throwaway checkout the commands run in.</summary>
internal static class ShopCheckout
{
    public static SystemManifest Manifest => ManifestLoader.Load(Path.Combine(CheckoutRoot.Path, ManifestLoader.FileName));

    public static SegmentationPolicy Policy => SegmentationPolicy.Load(Path.Combine(CheckoutRoot.Path, PolicyParser.FolderName, PolicyParser.FileName));

    /// <summary>A workspace holding mosaic.yaml and policies/policy.yaml as committed (or <paramref name="policy"/> instead).</summary>
    public static TempWorkspace Workspace(string? policy = null)
    {
        var workspace = TempWorkspace.Empty();
        File.Copy(Path.Combine(CheckoutRoot.Path, ManifestLoader.FileName), Path.Combine(workspace.Root, ManifestLoader.FileName));
        Directory.CreateDirectory(Path.Combine(workspace.Root, PolicyParser.FolderName));
        var target = Path.Combine(workspace.Root, PolicyParser.FolderName, PolicyParser.FileName);
        if (policy is null) File.Copy(Path.Combine(CheckoutRoot.Path, PolicyParser.FolderName, PolicyParser.FileName), target);
        else File.WriteAllText(target, policy);
        return workspace;
    }

    /// <summary>Every document of a YAML stream as plain maps, lists and strings.</summary>
    public static List<Dictionary<object, object>> Documents(string yaml)
    {
        var deserializer = new DeserializerBuilder().Build();
        var parser = new YamlDotNet.Core.Parser(new StringReader(yaml));
        parser.Consume<StreamStart>();
        var documents = new List<Dictionary<object, object>>();
        while (parser.Accept<DocumentStart>(out _))
            documents.Add(deserializer.Deserialize<Dictionary<object, object>>(parser));
        return documents;
    }
}
