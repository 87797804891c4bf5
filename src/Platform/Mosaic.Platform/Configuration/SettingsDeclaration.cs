namespace Mosaic.Platform.Configuration;

/// <summary>
/// One options type a service binds from one configuration section: together, a service's
/// declarations are everything it may be configured with, and what its exported schema describes.
/// </summary>
public sealed record SettingsDeclaration(string Section, Type OptionsType);
