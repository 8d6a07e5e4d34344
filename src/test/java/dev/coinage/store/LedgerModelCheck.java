package dev.coinage.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.coinage.core.IdempotencyKey;
import dev.coinage.core.UserId;
import dev.coinage.ledger.AccountBalance;
import dev.coinage.ledger.AccountId;
import dev.coinage.ledger.AccountType;
import dev.coinage.ledger.AppliedTransaction;
import dev.coinage.ledger.IdempotencyConflictException;
import dev.coinage.ledger.InsufficientBalanceException;
import dev.coinage.ledger.LedgerSnapshot;
import dev.coinage.ledger.Posting;
import dev.coinage.ledger.TransactionRequest;
import dev.coinage.spi.LedgerStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.quicktheories.core.Gen;

/**
 * Drives any {@link LedgerStore} through a generated sequence of economy operations (recharge, bonus, gift, refund
 * into debt, hold release, cash-out, retried and conflicting keys, batches) next to a plain map model, and after every
 * step checks that the store agrees with the model and that every ledger invariant holds.
 */
public final class LedgerModelCheck {
    /** The operations generated. */
    public enum Kind {
        RECHARGE,
        BONUS,
        GIFT,
        REFUND_INTO_DEBT,
        RELEASE_HOLD,
        CASH_OUT,
        RETRY,
        REUSE_KEY,
        GIFT_BATCH
    }

    /** One generated operation: users {@code a} and {@code b} (or a history index), and an amount. */
    public record Op(Kind kind, int a, int b, long amount) {}

    static final int USERS = 3;
    private static final AccountId ISSUED_PAID = AccountId.system(AccountType.COINS_ISSUED_PAID);
    private static final AccountId ISSUED_BONUS = AccountId.system(AccountType.COINS_ISSUED_BONUS);
    private static final AccountId CONSUMED = AccountId.system(AccountType.COINS_CONSUMED);
    private static final AccountId DIAMONDS_ISSUED = AccountId.system(AccountType.DIAMONDS_ISSUED);
    private static final AccountId PARTS_ISSUED = AccountId.system(AccountType.PARTS_ISSUED);
    private static final AccountId PARTS_CONVERTED = AccountId.system(AccountType.PARTS_CONVERTED);
    /** Parts per diamond: a 1/2 share counted in half diamonds, so one coin earns one part. */
    private static final long PARTS = 2;

    private static final AccountId PAID_OUT = AccountId.system(AccountType.DIAMONDS_PAID_OUT);

    private final LedgerStore store;
    private final Map<AccountId, Long> model = new HashMap<>();
    private final Set<AccountId> inDebt = new HashSet<>();
    private final List<TransactionRequest> applied = new ArrayList<>();
    private int keys;

    private LedgerModelCheck(LedgerStore store) {
        this.store = store;
        for (int u = 0; u < USERS; u++) {
            for (AccountId a : accountsOf(u)) {
                store.open(a);
            }
        }
    }

    /** Generates operation sequences of the given length range. */
    public static Gen<List<Op>> sequences(int min, int max) {
        Gen<Op> op = integers()
                .between(0, Kind.values().length - 1)
                .zip(
                        integers().between(0, 1000),
                        integers().between(0, USERS - 1),
                        longs().between(1, 400),
                        (k, a, b, amount) -> new Op(Kind.values()[k], a, b, amount));
        return org.quicktheories.generators.SourceDSL.lists().of(op).ofSizeBetween(min, max);
    }

    /** Runs the operations against a fresh store, checking after every step. */
    public static void run(LedgerStore store, List<Op> ops) {
        LedgerModelCheck check = new LedgerModelCheck(store);
        for (Op op : ops) {
            check.step(op);
            check.verify();
        }
    }

    private static AccountId wallet(int u) {
        return AccountId.userCoins(UserId.of("u" + u));
    }

    private static AccountId hold(int u, long period) {
        return AccountId.creatorHold(UserId.of("u" + u), "p" + period);
    }

    private static AccountId carry(int u) {
        return AccountId.creatorCarry(UserId.of("u" + u));
    }

    private static AccountId diamonds(int u) {
        return AccountId.creatorDiamonds(UserId.of("u" + u));
    }

    private static List<AccountId> accountsOf(int u) {
        return List.of(wallet(u), hold(u, 0), hold(u, 1), carry(u), diamonds(u));
    }

    private IdempotencyKey nextKey() {
        return IdempotencyKey.of("op-" + keys++);
    }

    private TransactionRequest gift(IdempotencyKey key, int sender, int creator, long coins) {
        return TransactionRequest.builder(key, "gift")
                .debit(wallet(sender), coins)
                .credit(CONSUMED, coins)
                .debit(PARTS_ISSUED, coins)
                .credit(hold(creator, coins % 2), coins)
                .build();
    }

    private void step(Op op) {
        int a = op.a() % USERS;
        switch (op.kind()) {
            case RECHARGE:
                expectApplied(TransactionRequest.builder(nextKey(), "recharge")
                        .debit(ISSUED_PAID, op.amount())
                        .credit(wallet(a), op.amount())
                        .build());
                break;
            case BONUS:
                expectApplied(TransactionRequest.builder(nextKey(), "bonus")
                        .debit(ISSUED_BONUS, op.amount())
                        .credit(wallet(a), op.amount())
                        .build());
                break;
            case GIFT:
                applyOrRefuse(List.of(gift(nextKey(), a, op.b(), op.amount())));
                break;
            case REFUND_INTO_DEBT:
                inDebt.add(wallet(a));
                expectApplied(TransactionRequest.builder(nextKey(), "refund")
                        .debitIntoDebt(wallet(a), op.amount())
                        .credit(ISSUED_PAID, op.amount())
                        .build());
                break;
            case RELEASE_HOLD:
                applyOrRefuse(List.of(release(a, op.b() % 2, op.amount())));
                break;
            case CASH_OUT:
                applyOrRefuse(List.of(TransactionRequest.builder(nextKey(), "cash-out")
                        .debit(diamonds(a), op.amount())
                        .credit(PAID_OUT, op.amount())
                        .build()));
                break;
            case RETRY:
                if (!applied.isEmpty()) {
                    TransactionRequest earlier = applied.get(op.a() % applied.size());
                    AppliedTransaction first = store.find(earlier.key()).orElseThrow();
                    AppliedTransaction again = store.apply(earlier);
                    assertThat(again.replay()).isTrue();
                    assertThat(again.id()).isEqualTo(first.id());
                    assertThat(again.entries()).isEqualTo(first.entries());
                }
                break;
            case REUSE_KEY:
                if (!applied.isEmpty()) {
                    TransactionRequest earlier = applied.get(op.a() % applied.size());
                    TransactionRequest other = TransactionRequest.builder(earlier.key(), "recharge")
                            .debit(ISSUED_PAID, op.amount() + 1000)
                            .credit(wallet(a), op.amount() + 1000)
                            .build();
                    assertThatThrownBy(() -> store.apply(other)).isInstanceOf(IdempotencyConflictException.class);
                }
                break;
            case GIFT_BATCH:
                applyOrRefuse(List.of(
                        gift(nextKey(), a, op.b(), op.amount()), gift(nextKey(), op.b(), a, op.amount() / 2 + 1)));
                break;
            default:
                throw new AssertionError(op);
        }
    }

    /**
     * Moves {@code parts} out of a hold into the creator's carry and mints the whole diamonds the carry then makes,
     * computed from the model's carry (a store refuses it if the hold has fewer parts).
     */
    private TransactionRequest release(int creator, long period, long parts) {
        long carried = model.getOrDefault(carry(creator), 0L) + parts;
        long whole = carried / PARTS;
        long carryChange = parts - whole * PARTS;
        TransactionRequest.Builder b =
                TransactionRequest.builder(nextKey(), "hold-release").debit(hold(creator, period), parts);
        if (carryChange > 0) {
            b.credit(carry(creator), carryChange);
        } else if (carryChange < 0) {
            b.debit(carry(creator), -carryChange);
        }
        if (whole > 0) {
            b.credit(PARTS_CONVERTED, whole * PARTS)
                    .debit(DIAMONDS_ISSUED, whole)
                    .credit(diamonds(creator), whole);
        }
        return b.build();
    }

    private void expectApplied(TransactionRequest request) {
        applyOrRefuse(List.of(request));
        assertThat(store.find(request.key())).isPresent();
    }

    /** Applies the batch if the model says every debit is covered; otherwise expects a refusal and no change. */
    private void applyOrRefuse(List<TransactionRequest> batch) {
        Map<AccountId, Long> next = new HashMap<>(model);
        boolean covered = true;
        for (TransactionRequest r : batch) {
            for (Posting p : r.postings()) {
                long after = next.getOrDefault(p.account(), 0L) + p.amount();
                if (after < 0
                        && p.amount() < 0
                        && !p.intoDebt()
                        && p.account().type().isMember()) {
                    covered = false;
                }
                next.put(p.account(), after);
            }
        }
        if (covered) {
            List<AppliedTransaction> results =
                    batch.size() == 1 ? List.of(store.apply(batch.get(0))) : store.applyAll(batch);
            assertThat(results).noneMatch(AppliedTransaction::replay);
            model.clear();
            model.putAll(next);
            applied.addAll(batch);
        } else {
            assertThatThrownBy(() -> store.applyAll(batch)).isInstanceOf(InsufficientBalanceException.class);
            for (TransactionRequest r : batch) {
                assertThat(store.find(r.key())).isEmpty();
            }
        }
    }

    private void verify() {
        LedgerSnapshot snapshot = LedgerInvariants.check(store, inDebt);
        for (int u = 0; u < USERS; u++) {
            // Conversion never creates value: a creator's released parts that are not yet a whole diamond stay
            // below one diamond, and every minted diamond is backed by exactly PARTS converted parts.
            assertThat(snapshot.balance(carry(u))).isBetween(0L, PARTS - 1);
        }
        assertThat(snapshot.balance(PARTS_CONVERTED)).isEqualTo(-PARTS * snapshot.balance(DIAMONDS_ISSUED));
        for (Map.Entry<AccountId, Long> e : model.entrySet()) {
            assertThat(snapshot.balance(e.getKey()))
                    .as("balance of %s", e.getKey())
                    .isEqualTo(e.getValue());
        }
        for (Map.Entry<AccountId, Long> e : snapshot.balances().entrySet()) {
            assertThat(model.getOrDefault(e.getKey(), 0L))
                    .as("model of %s", e.getKey())
                    .isEqualTo(e.getValue());
        }
        verifyListings();
    }

    private static final List<AccountType> MEMBER_TYPES = List.of(
            AccountType.USER_COINS, AccountType.CREATOR_HOLD, AccountType.CREATOR_CARRY, AccountType.CREATOR_DIAMONDS);

    /**
     * The listings of accounts with a balance agree with the model: each type's, read two at a time, and each member's,
     * in text order.
     */
    private void verifyListings() {
        for (AccountType type : MEMBER_TYPES) {
            List<AccountId> expected = model.entrySet().stream()
                    .filter(e -> e.getValue() != 0 && e.getKey().type() == type)
                    .map(Map.Entry::getKey)
                    .sorted()
                    .toList();
            List<AccountId> listed = new ArrayList<>();
            AccountId after = null;
            for (List<AccountId> page = store.nonZeroAccounts(type, null, 2);
                    !page.isEmpty();
                    page = store.nonZeroAccounts(type, after, 2)) {
                listed.addAll(page);
                after = page.get(page.size() - 1);
            }
            assertThat(listed).as("non-zero %s accounts", type).isEqualTo(expected);
        }
        for (int u = 0; u < USERS; u++) {
            UserId owner = UserId.of("u" + u);
            List<AccountBalance> expected = new ArrayList<>();
            for (AccountType type : MEMBER_TYPES) {
                model.entrySet().stream()
                        .filter(e -> e.getValue() != 0
                                && e.getKey().type() == type
                                && e.getKey().owner().orElseThrow().equals(owner))
                        .map(e -> new AccountBalance(e.getKey(), e.getValue()))
                        .sorted(Comparator.comparing(AccountBalance::account))
                        .forEach(expected::add);
            }
            assertThat(store.memberAccounts(owner, MEMBER_TYPES, 10))
                    .as("accounts of %s", owner)
                    .isEqualTo(expected);
        }
    }
}
