using System.Diagnostics.CodeAnalysis;

namespace Leadline.Grains.Hopper;

public sealed partial class HopperQueue
{
    /// <summary>Counts per region where the unknown zone is the key null, which a Dictionary does not take.</summary>
    private sealed class RegionCounts : IReadOnlyDictionary<string?, int>
    {
        private readonly Dictionary<string, int> _named = new(StringComparer.Ordinal);
        private int? _unknown;

        public void Add(string? region, int count)
        {
            if (region is null)
                _unknown = (_unknown ?? 0) + count;
            else
                _named[region] = _named.GetValueOrDefault(region) + count;
        }

        public int this[string? key] => TryGetValue(key, out var count) ? count : throw new KeyNotFoundException($"No READY entry in region '{key}'.");

        public IEnumerable<string?> Keys => this.Select(pair => pair.Key);

        public IEnumerable<int> Values => this.Select(pair => pair.Value);

        public int Count => _named.Count + (_unknown is null ? 0 : 1);

        public bool ContainsKey(string? key) => TryGetValue(key, out _);

        public bool TryGetValue(string? key, [MaybeNullWhen(false)] out int value)
        {
            if (key is not null)
                return _named.TryGetValue(key, out value);
            value = _unknown.GetValueOrDefault();
            return _unknown is not null;
        }

        public IEnumerator<KeyValuePair<string?, int>> GetEnumerator()
        {
            if (_unknown is { } unknown)
                yield return new(null, unknown);
            foreach (var (region, count) in _named)
                yield return new(region, count);
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
