package dev.coinage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coinage.core.Coins;
import dev.coinage.core.Diamonds;
import dev.coinage.core.IdempotencyKey;
import dev.coinage.core.UserId;
import org.junit.jupiter.api.Test;

class ValueTypesTest {
    @Test
    void coinsAddSubtractAndMultiplyExactly() {
        assertThat(Coins.of(70).plus(Coins.of(280))).isEqualTo(Coins.of(350));
        assertThat(Coins.of(70).minus(Coins.of(100))).isEqualTo(Coins.of(-30));
        assertThat(Coins.of(29_999).times(3)).isEqualTo(Coins.of(89_997));
        assertThat(Coins.of(-30).isNegative()).isTrue();
        assertThat(Coins.of(0)).isSameAs(Coins.ZERO);
        assertThat(Coins.of(1)).hasToString("1 coin");
        assertThat(Coins.of(70)).hasToString("70 coins");
        assertThat(Coins.of(1).compareTo(Coins.of(2))).isNegative();
    }

    @Test
    void coinArithmeticThatOverflowsFailsInsteadOfWrapping() {
        assertThatThrownBy(() -> Coins.of(Long.MAX_VALUE).plus(Coins.of(1))).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Coins.of(Long.MIN_VALUE).minus(Coins.of(1))).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Coins.of(29_999).times(Long.MAX_VALUE / 1000)).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Diamonds.of(Long.MAX_VALUE).plus(Diamonds.of(1)))
                .isInstanceOf(ArithmeticException.class);
    }

    @Test
    void positiveAmountsRefuseZeroAndNegatives() {
        assertThat(Coins.positive(1).amount()).isEqualTo(1);
        assertThatThrownBy(() -> Coins.positive(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0");
        assertThatThrownBy(() -> Coins.positive(-5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-5");
        assertThatThrownBy(() -> Diamonds.positive(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void diamondsBehaveLikeCoinsInTheirOwnUnit() {
        assertThat(Diamonds.of(35).plus(Diamonds.of(15))).isEqualTo(Diamonds.of(50));
        assertThat(Diamonds.of(1)).hasToString("1 diamond");
        assertThat(Diamonds.of(2)).hasToString("2 diamonds");
        assertThat(Diamonds.of(5)).isNotEqualTo(Coins.of(5));
    }

    @Test
    void idsRefuseNullBlankOverlongAndControlCharacters() {
        assertThat(UserId.of("ana").value()).isEqualTo("ana");
        assertThatThrownBy(() -> UserId.of(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("user id");
        assertThatThrownBy(() -> UserId.of("  ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UserId.of("a".repeat(UserId.MAX_LENGTH + 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("129");
        assertThatThrownBy(() -> UserId.of("a\nb")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IdempotencyKey.of("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IdempotencyKey.of(null)).isInstanceOf(NullPointerException.class);
        assertThat(IdempotencyKey.of("k")).isEqualTo(IdempotencyKey.of("k"));
    }
}
