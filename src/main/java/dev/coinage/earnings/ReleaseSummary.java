package dev.coinage.earnings;

/**
 * What one run of {@link HoldReleases#releaseDueHolds} did.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param creators the creators whose due holds were released by this run
 * @param partsReleased the diamond parts moved out of hold accounts
 * @param diamondsMinted the whole diamonds credited to creators
 * @param creatorsDeferred the creators whose holds kept moving while this run read them, left for the next run
 */
public record ReleaseSummary(int creators, long partsReleased, long diamondsMinted, int creatorsDeferred) {}
