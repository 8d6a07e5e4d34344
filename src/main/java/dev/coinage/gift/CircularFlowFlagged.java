package dev.coinage.gift;

import dev.coinage.core.UserId;
import java.time.Instant;
import java.util.Objects;

/**
 * Two members each sent the other at least the coins of gifts that the economy's {@code AbusePolicy} calls a circular
 * flow: the pattern of money laundered through gifts between complicit accounts. Raised once per pair, by the gift that
 * crossed the line.
 *
 * @param sender the member who sent the gift that crossed the line, not null
 * @param creator the member who received it, not null
 * @param coinsSent the coins of all gifts from the sender to the creator
 * @param coinsReceived the coins of all gifts from the creator to the sender
 * @param reviewCashOuts whether both members' cash-outs now go to review
 * @param at when the gift was sent, not null
 */
public record CircularFlowFlagged(
        UserId sender, UserId creator, long coinsSent, long coinsReceived, boolean reviewCashOuts, Instant at) {
    /**
     * Validates the event.
     *
     * @param sender the sender, not null
     * @param creator the creator, not null
     * @param coinsSent the coins sent
     * @param coinsReceived the coins received
     * @param reviewCashOuts whether cash-outs go to review
     * @param at when, not null
     * @throws NullPointerException if an object field is null
     */
    public CircularFlowFlagged {
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(creator, "creator");
        Objects.requireNonNull(at, "at");
    }
}
