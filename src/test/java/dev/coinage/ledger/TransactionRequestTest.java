package dev.coinage.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coinage.core.IdempotencyKey;
import dev.coinage.core.UserId;
import org.junit.jupiter.api.Test;

class TransactionRequestTest {
    private static final IdempotencyKey KEY = IdempotencyKey.of("k");
    private static final AccountId ANA = AccountId.userCoins(UserId.of("ana"));
    private static final AccountId BO = AccountId.userCoins(UserId.of("bo"));
    private static final AccountId BO_DIAMONDS = AccountId.creatorDiamonds(UserId.of("bo"));
    private static final AccountId CONSUMED = AccountId.system(AccountType.COINS_CONSUMED);

    @Test
    void aBalancedRequestKeepsItsPostingsInOrder() {
        TransactionRequest r = TransactionRequest.builder(KEY, "gift")
                .debit(ANA, 10)
                .credit(CONSUMED, 10)
                .attribute("gift", "rose")
                .build();
        assertThat(r.postings()).extracting(Posting::amount).containsExactly(-10L, 10L);
        assertThat(r.attributes()).containsEntry("gift", "rose");
    }

    @Test
    void aBuilderUsedAgainAfterBuildLeavesTheFirstRequestAsItWas() {
        TransactionRequest.Builder b = TransactionRequest.builder(KEY, "gift")
                .debit(ANA, 10)
                .credit(CONSUMED, 10)
                .attribute("d", "4")
                .attribute("c", "3")
                .attribute("b", "2")
                .attribute("a", "1"); // four: the builder's arrays are full when built
        TransactionRequest first = b.build();
        b.attribute("a", "changed").attribute("e", "5");
        TransactionRequest second = b.build();
        assertThat(first.attributes())
                .containsExactly(
                        java.util.Map.entry("a", "1"),
                        java.util.Map.entry("b", "2"),
                        java.util.Map.entry("c", "3"),
                        java.util.Map.entry("d", "4"));
        assertThat(second.attributes())
                .containsEntry("a", "changed")
                .containsEntry("e", "5")
                .hasSize(5);
        // forEach hands over the same attributes, in the same order, as the entry set.
        java.util.List<String> seen = new java.util.ArrayList<>();
        second.attributes().forEach((name, value) -> seen.add(name + "=" + value));
        assertThat(seen).containsExactly("a=changed", "b=2", "c=3", "d=4", "e=5");
        java.util.List<String> viaEntries = new java.util.ArrayList<>();
        second.attributes().entrySet().forEach(e -> viaEntries.add(e.getKey() + "=" + e.getValue()));
        assertThat(seen).isEqualTo(viaEntries);
    }

    @Test
    void postingsThatDoNotSumToZeroPerUnitAreRefused() {
        assertThatThrownBy(() -> TransactionRequest.builder(KEY, "gift")
                        .debit(ANA, 10)
                        .credit(CONSUMED, 9)
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("coins sum to -1");
        // Coins and diamonds balance separately: 10 coins out cannot pay for 10 diamonds in.
        assertThatThrownBy(() -> TransactionRequest.builder(KEY, "gift")
                        .debit(ANA, 10)
                        .credit(BO_DIAMONDS, 10)
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("coins sum to -10");
    }

    @Test
    void zeroNegativeAndMissingAmountsAreRefused() {
        assertThatThrownBy(() -> Posting.credit(ANA, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("positive: 0");
        assertThatThrownBy(() -> Posting.debit(ANA, -3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Posting.debitIntoDebt(ANA, Long.MIN_VALUE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() ->
                        TransactionRequest.builder(KEY, "gift").debit(ANA, 1).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least two postings");
    }

    @Test
    void postingsWhoseSumOverflowsAreRefused() {
        assertThatThrownBy(() -> TransactionRequest.builder(KEY, "x")
                        .credit(ANA, Long.MAX_VALUE)
                        .credit(BO, Long.MAX_VALUE)
                        .debit(CONSUMED, 2)
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("overflow");
    }

    @Test
    void anAccountPostedTwiceIsRefused() {
        assertThatThrownBy(() -> TransactionRequest.builder(KEY, "x")
                        .debit(ANA, 5)
                        .credit(ANA, 5)
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("posted to twice");
    }

    @Test
    void nullsAndMalformedKindsAreRefusedByName() {
        assertThatThrownBy(() -> TransactionRequest.builder(null, "gift"))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("key");
        assertThatThrownBy(() -> TransactionRequest.builder(KEY, null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("kind");
        assertThatThrownBy(() -> TransactionRequest.builder(KEY, "Gift!")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TransactionRequest.builder(KEY, "gift").post(null))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> TransactionRequest.builder(KEY, "gift").attribute("a", null))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void theDefaultFingerprintDistinguishesEveryField() {
        TransactionRequest base = TransactionRequest.builder(KEY, "gift")
                .debit(ANA, 10)
                .credit(CONSUMED, 10)
                .build();
        TransactionRequest same = TransactionRequest.builder(KEY, "gift")
                .debit(ANA, 10)
                .credit(CONSUMED, 10)
                .build();
        assertThat(same.fingerprint()).isEqualTo(base.fingerprint());
        assertThat(TransactionRequest.builder(KEY, "gift")
                        .debit(ANA, 11)
                        .credit(CONSUMED, 11)
                        .build()
                        .fingerprint())
                .isNotEqualTo(base.fingerprint());
        assertThat(TransactionRequest.builder(KEY, "gifts")
                        .debit(ANA, 10)
                        .credit(CONSUMED, 10)
                        .build()
                        .fingerprint())
                .isNotEqualTo(base.fingerprint());
        assertThat(TransactionRequest.builder(KEY, "gift")
                        .debitIntoDebt(ANA, 10)
                        .credit(CONSUMED, 10)
                        .build()
                        .fingerprint())
                .isNotEqualTo(base.fingerprint());
        assertThat(TransactionRequest.builder(KEY, "gift")
                        .debit(ANA, 10)
                        .credit(CONSUMED, 10)
                        .attribute("gift", "rose")
                        .build()
                        .fingerprint())
                .isNotEqualTo(base.fingerprint());
    }

    @Test
    void fingerprintPartsCannotRunIntoEachOther() {
        assertThat(Fingerprint.builder("k").add("ab").add("c").build())
                .isNotEqualTo(Fingerprint.builder("k").add("a").add("bc").build());
        assertThat(Fingerprint.builder("k").add("1").build())
                .isNotEqualTo(Fingerprint.builder("k").add(1).build());
    }

    @Test
    void accountIdsRoundTripThroughTheirTextForm() {
        for (AccountId id : new AccountId[] {
            ANA,
            BO_DIAMONDS,
            CONSUMED,
            AccountId.creatorCarry(UserId.of("x:y")),
            AccountId.creatorHold(UserId.of("a:b:c"), "2026-11-25T10")
        }) {
            assertThat(AccountId.parse(id.toString())).isEqualTo(id);
        }
        assertThat(AccountId.creatorHold(UserId.of("a:b"), "p-1")).hasToString("hold:p-1:a:b");
        assertThat(AccountId.creatorHold(UserId.of("a"), "p").reference()).contains("p");
        assertThatThrownBy(() -> AccountId.parse("nope:ana")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AccountId.parse("hold:ana")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AccountId.creatorHold(UserId.of("a"), "p:1"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AccountId.member(AccountType.CREATOR_HOLD, UserId.of("a")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AccountId.member(AccountType.USER_COINS, UserId.of("a"), "r"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AccountId.system(AccountType.USER_COINS)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AccountId.member(AccountType.COINS_CONSUMED, UserId.of("a")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void pageRequestsRefuseBadSizesAndPositions() {
        assertThatThrownBy(() -> PageRequest.oldestFirst(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PageRequest.newestFirst(PageRequest.MAX_SIZE + 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PageRequest.after(PageRequest.Order.OLDEST_FIRST, 10, -1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
