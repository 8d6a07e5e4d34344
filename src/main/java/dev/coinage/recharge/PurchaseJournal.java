package dev.coinage.recharge;

import dev.coinage.ledger.AppliedTransaction;
import dev.coinage.ledger.PageRequest;
import dev.coinage.spi.LedgerStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads every credited purchase and every refund from the ledger's journal, for reports: each purchase's lot as it
 * stands now, and each refund as it was applied. It reads the whole journal, page by page: for reports and
 * reconciliation, never for the request path.
 *
 * <p>This class is thread-safe (it only reads).
 */
public final class PurchaseJournal {
    private static final String CREDIT = "recharge";
    private static final String[] REFUNDS = {"refund", "chargeback"};

    private final LedgerStore store;
    private final LotQueries lots;

    private PurchaseJournal(LedgerStore store) {
        this.store = store;
        this.lots = new LotQueries(store);
    }

    /**
     * Returns the journal of a ledger.
     *
     * @param store the ledger, not null
     * @return the journal, never null
     */
    public static PurchaseJournal of(LedgerStore store) {
        return new PurchaseJournal(Objects.requireNonNull(store, "store"));
    }

    /**
     * A credited purchase: its lot now, and when and how it was credited.
     *
     * @param lot the purchase's lot as it stands now, not null
     * @param creditedAt when the coins were credited, not null
     * @param debtRepaid the coins of the purchase that repaid a debt when it was credited (paid coins first)
     */
    public record Credit(CoinLot lot, Instant creditedAt, long debtRepaid) {
        /**
         * Checks the credit.
         *
         * @param lot the lot, not null
         * @param creditedAt when credited, not null
         * @param debtRepaid the coins that repaid a debt
         * @throws NullPointerException if an object component is null
         */
        public Credit {
            Objects.requireNonNull(lot, "lot");
            Objects.requireNonNull(creditedAt, "creditedAt");
        }
    }

    /**
     * A refund or chargeback as it was applied.
     *
     * @param refundId the refund's id, not null
     * @param purchase the purchase's reference, not null
     * @param kind refund or chargeback, not null
     * @param coins the coins of the purchase refunded
     * @param appliedAt when it was applied, not null
     * @param transactionId the store's id of its transaction: refunds of one purchase were applied in its order
     */
    public record Refund(
            String refundId, String purchase, RefundKind kind, long coins, Instant appliedAt, long transactionId) {
        /**
         * Checks the refund.
         *
         * @param refundId the id, not null
         * @param purchase the reference, not null
         * @param kind the kind, not null
         * @param coins the coins refunded
         * @param appliedAt when applied, not null
         * @param transactionId the transaction's id
         * @throws NullPointerException if an object component is null
         */
        public Refund {
            Objects.requireNonNull(refundId, "refundId");
            Objects.requireNonNull(purchase, "purchase");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(appliedAt, "appliedAt");
        }
    }

    /**
     * Returns every credited purchase, in the order they were credited, with its lot as it stands now.
     *
     * @return the credits, never null
     */
    public List<Credit> credits() {
        List<Credit> out = new ArrayList<>();
        for (AppliedTransaction tx : all(CREDIT)) {
            Map<String, String> a = tx.attributes();
            String ref = a.get("purchase");
            if (ref == null || a.get("paid-coins") == null) {
                continue; // not a purchase credited by Recharges
            }
            out.add(new Credit(
                    lots.lot(ref, tx), tx.committedAt(), Long.parseLong(a.getOrDefault("debt-repaid", "0"))));
        }
        return out;
    }

    /**
     * Returns every refund and chargeback, in the order of their transactions' ids.
     *
     * @return the refunds, never null
     */
    public List<Refund> refunds() {
        List<Refund> out = new ArrayList<>();
        for (String kind : REFUNDS) {
            for (AppliedTransaction tx : all(kind)) {
                Map<String, String> a = tx.attributes();
                out.add(new Refund(
                        a.get("refund"),
                        a.get("purchase"),
                        RefundKind.valueOf(a.get("refund-kind")),
                        Long.parseLong(a.get("coins")),
                        tx.committedAt(),
                        tx.id()));
            }
        }
        out.sort(java.util.Comparator.comparingLong(Refund::transactionId));
        return out;
    }

    private List<AppliedTransaction> all(String kind) {
        List<AppliedTransaction> out = new ArrayList<>();
        long after = 0;
        while (true) {
            List<AppliedTransaction> page = store.transactions(kind, after, PageRequest.MAX_SIZE);
            out.addAll(page);
            if (page.size() < PageRequest.MAX_SIZE) {
                return out;
            }
            after = page.get(page.size() - 1).id();
        }
    }
}
