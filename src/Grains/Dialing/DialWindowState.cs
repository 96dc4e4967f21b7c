namespace Leadline.Grains.Dialing;

/// <summary>Open or closed, and the first moment that may change (the caller caches the answer until then).</summary>
[GenerateSerializer, Immutable, Alias("leadline.dial-window-state")]
public readonly record struct DialWindowState([property: Id(0)] bool Open, [property: Id(1)] DateTimeOffset Until);
