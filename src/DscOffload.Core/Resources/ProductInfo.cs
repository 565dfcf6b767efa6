namespace DscOffload.Core.Resources;

/// <summary>Facts about this build that outputs carry.</summary>
public static class ProductInfo
{
    /// <summary>The product version (also the version of every resource type).</summary>
    public const string Version = ProductVersion.Value;
}
