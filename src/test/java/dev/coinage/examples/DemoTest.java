package dev.coinage.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coinage.UserId;
import dev.coinage.ledger.AccountId;
import dev.coinage.ledger.LedgerSnapshot;
import dev.coinage.ledger.LedgerUnit;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DemoTest {
    @Test
    void theDemoRunsAndEndsWithABalancedLedger() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LedgerSnapshot end = Demo.run(new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(end.total(LedgerUnit.COIN)).isZero();
        assertThat(end.total(LedgerUnit.DIAMOND)).isZero();
        assertThat(end.balance(AccountId.userCoins(UserId.of("viewer-ana")))).isEqualTo(250);
        assertThat(end.balance(AccountId.creatorHold(UserId.of("creator-bo"), "2026-11-25")))
                .isEqualTo(100);
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("replay = true, wallet = 350")
                .contains("refused, required 29999, available 250");
    }
}
