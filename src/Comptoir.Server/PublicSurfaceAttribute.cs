namespace Comptoir.Server;

/// <summary>
/// Marks a type that other resource folders may use. A resource's other types are its own business: the layout test
/// (<c>LayoutRulesTests</c>) fails when one resource reaches into another through an unmarked type.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct | AttributeTargets.Interface | AttributeTargets.Enum, Inherited = false)]
public sealed class PublicSurfaceAttribute : Attribute;
