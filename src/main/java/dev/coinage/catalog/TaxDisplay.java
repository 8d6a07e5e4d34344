package dev.coinage.catalog;

/** Whether the prices shown in a region include tax. */
public enum TaxDisplay {
    /** Price points are gross: the tax is inside them (VAT regions such as the EU, the UK, Japan). */
    INCLUSIVE,
    /** Price points are net: the tax is added on top at checkout (sales-tax regions such as the US). */
    EXCLUSIVE
}
