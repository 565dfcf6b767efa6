namespace DscOffload.Packaging.Binaries;

/// <summary>The operating system a Machine Configuration package (and the binary in it) is for.</summary>
public enum PackagePlatform
{
    /// <summary>Windows: a PE executable, <c>dscoffload.exe</c>, under <c>bin/win-&lt;arch&gt;/</c>.</summary>
    Windows,

    /// <summary>Linux: an ELF executable, <c>dscoffload</c>, under <c>bin/linux-&lt;arch&gt;/</c>.</summary>
    Linux,
}
