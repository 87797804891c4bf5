using System.Diagnostics.CodeAnalysis;

// The helpers here are public because the public fixtures of test classes expose them, which makes the namespace
// visible outside the assembly; a test assembly has no consumers, in Visual Basic or any other language.
[assembly: SuppressMessage("Naming", "CA1716", Scope = "namespace", Target = "~N:Mosaic.Tests.Shared",
    Justification = "Test assemblies are not consumed; 'Shared' is only a Visual Basic keyword.")]
