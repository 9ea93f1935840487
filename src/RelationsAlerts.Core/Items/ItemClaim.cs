namespace RelationsAlerts.Core.Items;

/// <summary>What claiming an item for storage found (<see cref="Ports.IItemStore.ClaimManyAsync"/>).</summary>
public enum ItemClaimStatus
{
    /// <summary>Not stored before; claimed now. File it, then complete it.</summary>
    New,

    /// <summary>An earlier add claimed it and died before completing it; complete it now (with its stored first-seen time).</summary>
    Unfinished,

    /// <summary>Stored completely before: nothing to do.</summary>
    Stored,
}

/// <summary>An item and what claiming it found; for <see cref="ItemClaimStatus.Unfinished"/> the item as stored then.</summary>
public sealed record ItemClaim(ItemClaimStatus Status, NewsItem Item);
