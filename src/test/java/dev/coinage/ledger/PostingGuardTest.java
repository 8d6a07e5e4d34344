package dev.coinage.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coinage.core.UserId;
import org.junit.jupiter.api.Test;

class PostingGuardTest {
    private static final AccountId WALLET = AccountId.userCoins(UserId.of("ana"));
    private static final AccountId CONSUMED = AccountId.system(AccountType.COINS_CONSUMED);

    @Test
    void aDebitWithinTheBalanceLeavesTheRest() {
        assertThat(PostingGuard.after(Posting.debit(WALLET, 30), 100)).isEqualTo(70);
        assertThat(PostingGuard.after(Posting.debit(WALLET, 100), 100)).isZero();
    }

    @Test
    void aMemberAccountCannotGoBelowZeroAndTheReasonSaysWhy() {
        assertThatThrownBy(() -> PostingGuard.after(Posting.debit(WALLET, 101), 100))
                .isInstanceOfSatisfying(InsufficientCoinsException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Rejection.INSUFFICIENT_BALANCE);
                    assertThat(e.required()).isEqualTo(101);
                    assertThat(e.available()).isEqualTo(100);
                    assertThat(e.account()).isEqualTo(WALLET);
                });
    }

    @Test
    void onlyTheDebtPathMayTakeAMemberAccountNegative() {
        assertThat(PostingGuard.after(Posting.debitIntoDebt(WALLET, 150), 100)).isEqualTo(-50);
    }

    @Test
    void systemAccountsTakeAnySign() {
        assertThat(PostingGuard.after(Posting.debit(CONSUMED, 5), 0)).isEqualTo(-5);
    }

    @Test
    void aBalanceNeverWraps() {
        assertThatThrownBy(() -> PostingGuard.after(Posting.credit(WALLET, 1), Long.MAX_VALUE))
                .isInstanceOfSatisfying(BalanceOverflowException.class, e -> assertThat(e.reason())
                        .isEqualTo(Rejection.BALANCE_OVERFLOW));
        assertThatThrownBy(() -> PostingGuard.after(Posting.debit(CONSUMED, 2), Long.MIN_VALUE + 1))
                .isInstanceOf(BalanceOverflowException.class);
        assertThat(PostingGuard.after(Posting.credit(CONSUMED, 1), Long.MAX_VALUE - 1))
                .isEqualTo(Long.MAX_VALUE);
    }
}
