namespace ResultsLive.Core.Model;

/// <summary>Where a seat is in the night. A recount can follow a declaration; a corrected declaration returns it to Declared.</summary>
public enum SeatStatus
{
    Awaiting,
    Counting,
    Recount,
    Declared,
}
