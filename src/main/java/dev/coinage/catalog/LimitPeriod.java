package dev.coinage.catalog;

/** The span a spending limit counts over. */
public enum LimitPeriod {
    /** One gift send. */
    PER_GIFT,
    /** A calendar day. */
    DAY,
    /** A calendar week. */
    WEEK,
    /** A calendar month. */
    MONTH
}
