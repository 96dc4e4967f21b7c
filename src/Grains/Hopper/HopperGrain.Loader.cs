using System.Diagnostics;
using Leadline.Grains.Campaigns;
using Leadline.Grains.Dialing;
using Leadline.Grains.Storage;
using Microsoft.Extensions.Logging;

namespace Leadline.Grains.Hopper;

/// <summary>
/// The loader and calling hours. The loader keeps about <see cref="CampaignDialSettings.HopperLevel"/> entries that may
/// be dialed now, from the campaign's lists (HopperLoaderStore says which leads qualify), in the campaign's lead
/// order, at priority 0 (so <c>hopper=1</c> inserts, 99 by default, go first). It runs on a grain timer while the
/// hopper is active, at once when a pull leaves fewer than the low-water mark, and on a durable reminder that brings
/// the hopper back after a crash or deactivation while the campaign is active. The grain is not reentrant and the
/// loader adds rows with ON CONFLICT DO NOTHING, so no lead is loaded twice, on any number of silos.
/// </summary>
public sealed partial class HopperGrain
{
    private const string LoaderReminder = "loader";
    /// <summary>Priority of loaded entries: after every entry added on purpose (hopper=1, hopper/add, workflows).</summary>
    public const int LoadedPriority = 0;
    /// <summary>Candidate queries per cycle: each round excludes the regions the previous one found closed.</summary>
    private const int LoadRounds = 4;
    /// <summary>
    /// How long the hopper trusts its copy of the settings without asking its campaign grain again (an in-memory
    /// answer there): a change notice is one-way and is lost if a silo dies while it travels.
    /// </summary>
    private static readonly TimeSpan SettingsFreshFor = TimeSpan.FromSeconds(30);

    private CampaignDialSettings _settings = CampaignDialSettings.Default(active: false);
    private bool _settingsStale;
    private long _settingsReadAt;
    private readonly Dictionary<string, DialWindowState> _windows = [];
    private readonly Dictionary<string, int?> _caps = [];
    private IGrainTimer? _loaderTimer;
    private IGrainReminder? _loaderReminder;
    private HopperLoadResult? _lastLoad;

    private async Task StartLoaderAsync()
    {
        _loaderReminder = await this.GetReminder(LoaderReminder);
        await RefreshSettingsAsync();
        var every = options.Value.LoaderEvery;
        _loaderTimer = this.RegisterGrainTimer(_ => LoadQuietlyAsync(), new GrainTimerCreationOptions
        {
            DueTime = TimeSpan.Zero,
            Period = every,
            Interleave = false,
            KeepAlive = false,
        });
    }

    private async Task RefreshSettingsAsync()
    {
        CampaignDialSettings settings;
        try
        {
            settings = await GrainFactory.GetGrain<ICampaignGrain>(CampaignId).GetDialSettingsAsync()
                ?? CampaignDialSettings.Default(active: false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The hopper serves what it holds with the settings it has; the next cycle asks again.
            logger.LogWarning("Hopper {Campaign}: dial settings not read: {Error}", CampaignId, ex.Message);
            _settingsStale = true;
            return;
        }
        await UseSettingsAsync(settings);
    }

    public async Task DialSettingsChangedAsync(CampaignDialSettings settings)
    {
        await UseSettingsAsync(settings);
        _loaderTimer?.Change(TimeSpan.Zero, options.Value.LoaderEvery);
    }

    private async Task UseSettingsAsync(CampaignDialSettings settings)
    {
        _settings = settings;
        _settingsStale = false;
        _settingsReadAt = Environment.TickCount64;
        _windows.Clear();
        _caps.Clear();
        await KeepLoaderReminderRightAsync();
    }

    /// <summary>Whether a lead of this region may be called now: cached per region until its answer can change.</summary>
    private bool IsOpen(string? region, DateTimeOffset now)
    {
        if (options.Value.CallingHours == CallingHoursMode.Ignore)
            return true;
        var key = region ?? "";
        if (!_windows.TryGetValue(key, out var window) || now >= window.Until)
            _windows[key] = window = CallingHours.Evaluate(region, _settings, now);
        return window.Open;
    }

    private int? AttemptCap(string? region)
    {
        var key = region ?? "";
        if (!_caps.TryGetValue(key, out var cap))
            _caps[key] = cap = CallingHours.AttemptCap(region, _settings);
        return cap;
    }

    public async Task<HopperLoadResult> LoadNowAsync() => await DurablyAsync(LoadAsync);

    private async Task LoadQuietlyAsync()
    {
        try
        {
            await LoadAsync();
        }
        catch (Exception ex) when (ex is StorageUnavailableException || StorageFailures.IsTransient(ex))
        {
            logger.LogWarning("Hopper {Campaign}: load postponed: {Error}", CampaignId, ex.Message);
        }
    }

    private async Task<HopperLoadResult> LoadAsync()
    {
        var started = Stopwatch.GetTimestamp();
        if (_settingsStale || Environment.TickCount64 - _settingsReadAt > SettingsFreshFor.TotalMilliseconds)
            await RefreshSettingsAsync();
        var now = clock.GetUtcNow();
        var need = _settings.Active ? _settings.HopperLevel - _queue.DialableCount(now, region => IsOpen(region, now)) : 0;
        var (loaded, scanned) = need > 0 ? await LoadAsync(need, now) : (0, 0);
        _lastLoad = new HopperLoadResult(loaded, scanned, Stopwatch.GetElapsedTime(started), now);
        if (loaded > 0)
            logger.LogDebug("Hopper {Campaign}: loaded {Loaded} of {Scanned} read in {Took}", CampaignId, loaded, scanned, _lastLoad.Took);
        return _lastLoad;
    }

    private async Task<(int Loaded, int Scanned)> LoadAsync(int need, DateTimeOffset now)
    {
        var lists = await loaderStore.ListsAsync(CampaignId, CancellationToken.None);
        if (lists.Length == 0)
            return (0, 0);
        // Regions known closed now are skipped by the query; one it meets closed joins them for the next round.
        var closed = _windows.Where(w => !w.Value.Open && now < w.Value.Until).Select(w => w.Key.Length == 0 ? null : w.Key).ToHashSet();
        var loaded = 0;
        var scanned = 0;
        var at = HopperTime.Now(clock);
        for (var round = 0; round < LoadRounds && loaded < need; round++)
        {
            var candidates = await loaderStore.CandidatesAsync(CampaignId, lists, _settings, closed, now, need - loaded, CancellationToken.None);
            scanned += candidates.Count;
            var entries = new List<HopperEntry>(candidates.Count);
            var metClosed = false;
            foreach (var candidate in candidates)
            {
                if (!IsOpen(candidate.Region, now))
                {
                    metClosed |= closed.Add(candidate.Region);
                    continue;
                }
                // One microsecond apart, in lead order: the queue serves equal priorities in insertion order.
                entries.Add(new HopperEntry(candidate.LeadId, LoadedPriority, at.AddTicks(10 * entries.Count), null, candidate.Region));
            }
            if (entries.Count > 0)
            {
                var added = await loaderStore.AddAsync(CampaignId, entries, CancellationToken.None);
                foreach (var entry in entries.Where(e => added.Contains(e.LeadId)))
                    _queue.Upsert(entry);
                loaded += added.Count;
                at = at.AddTicks(10 * entries.Count);
            }
            if (!metClosed || candidates.Count == 0)
                break;
        }
        return (loaded, scanned);
    }

    /// <summary>After a pull: below the low-water mark, the loader runs as soon as the grain is free.</summary>
    private void WakeLoaderWhenLow(DateTimeOffset now)
    {
        if (_loaderTimer is null || !_settings.Active || _settings.HopperLevel == 0)
            return;
        if (_queue.DialableCount(now, region => IsOpen(region, now)) < _settings.HopperLevel * options.Value.LowWater)
            _loaderTimer.Change(TimeSpan.Zero, options.Value.LoaderEvery);
    }

    /// <summary>Holds the durable wake-up exactly while the campaign is active with a hopper level.</summary>
    private async Task KeepLoaderReminderRightAsync()
    {
        var wanted = _settings.Active && _settings.HopperLevel > 0;
        try
        {
            if (wanted && _loaderReminder is null)
                _loaderReminder = await this.RegisterOrUpdateReminder(LoaderReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
            else if (!wanted && _loaderReminder is not null)
            {
                await this.UnregisterReminder(_loaderReminder);
                _loaderReminder = null;
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning("Hopper {Campaign}: loader reminder not updated yet: {Error}", CampaignId, ex.Message);
        }
    }

    /// <summary>Entries of a commit notice that did not know their region (updates) get the one their row holds.</summary>
    private async Task<IEnumerable<HopperEntry>> WithRegionsAsync(HopperEntry[] entries)
    {
        if (!entries.Any(e => e.Region == HopperEntry.RegionInTable))
            return entries;
        var unknown = entries.Where(e => e.Region == HopperEntry.RegionInTable).Select(e => e.LeadId).ToArray();
        Dictionary<long, string?> regions;
        try
        {
            regions = await store.RegionsAsync(CampaignId, unknown, CancellationToken.None);
        }
        catch (Exception ex) when (StorageFailures.IsTransient(ex))
        {
            // Left out: the reconcile finds their rows (with their regions) within ReconcileEvery.
            logger.LogWarning("Hopper {Campaign}: regions of {Count} notified entries not read: {Error}", CampaignId, unknown.Length, ex.Message);
            return entries.Where(e => e.Region != HopperEntry.RegionInTable);
        }
        return entries.Where(e => e.Region != HopperEntry.RegionInTable || regions.ContainsKey(e.LeadId))
            .Select(e => e.Region == HopperEntry.RegionInTable ? e with { Region = regions[e.LeadId] } : e);
    }
}
