package dev.coinage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coinage.core.ConcurrentSpendingException;
import dev.coinage.core.IdempotencyKey;
import dev.coinage.core.UserId;
import dev.coinage.ledger.AccountId;
import dev.coinage.ledger.BalanceOverflowException;
import dev.coinage.ledger.IdempotencyConflictException;
import dev.coinage.ledger.InsufficientBalanceException;
import dev.coinage.ledger.InsufficientCoinsException;
import dev.coinage.ledger.UnknownAccountException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.Test;

/** Exceptions are Serializable (they are Throwables), so the values they carry must be too. */
class ExceptionSerializationTest {
    @SuppressWarnings("unchecked")
    private static <T> T roundTrip(T value) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }

    @Test
    void exceptionsKeepTheirValuesThroughSerialization() throws Exception {
        AccountId wallet = AccountId.userCoins(UserId.of("ana"));
        InsufficientBalanceException insufficient = roundTrip(InsufficientBalanceException.of(wallet, 100, 40));
        assertThat(insufficient).isInstanceOf(InsufficientCoinsException.class);
        assertThat(insufficient.account()).isEqualTo(wallet);
        assertThat(insufficient.shortfall()).isEqualTo(60);
        assertThat(roundTrip(new IdempotencyConflictException(IdempotencyKey.of("k1")))
                        .key())
                .isEqualTo(IdempotencyKey.of("k1"));
        assertThat(roundTrip(new UnknownAccountException(wallet)).account()).isEqualTo(wallet);
        assertThat(roundTrip(new BalanceOverflowException(wallet, Long.MAX_VALUE, 1))
                        .account())
                .isEqualTo(wallet);
        ConcurrentSpendingException contended = roundTrip(new ConcurrentSpendingException(UserId.of("ana"), 16));
        assertThat(contended.user()).isEqualTo(UserId.of("ana"));
        assertThat(contended.attempts()).isEqualTo(16);
    }
}
