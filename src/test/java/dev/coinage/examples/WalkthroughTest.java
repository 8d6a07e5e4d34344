package dev.coinage.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coinage.core.UserId;
import dev.coinage.ledger.AccountId;
import dev.coinage.ledger.LedgerSnapshot;
import dev.coinage.ledger.LedgerUnit;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class WalkthroughTest {
    @Test
    void theDemoRunsOnTheExampleEconomyAndEndsWithABalancedLedger() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LedgerSnapshot end = Walkthrough.run(
                new PrintStream(out, true, StandardCharsets.UTF_8), Path.of("examples", "economy.json"));
        for (LedgerUnit unit : LedgerUnit.values()) {
            assertThat(end.total(unit)).as(unit.plural()).isZero();
        }
        UserId ana = UserId.of("viewer-ana");
        UserId bo = UserId.of("creator-bo");
        // 350 web coins, 5 Roses (5 coins) and a Doughnut (30 coins) spent; the retried tap spent nothing.
        assertThat(end.balance(AccountId.userCoins(ana))).isEqualTo(350 - 5 - 30);
        // 35 coins at a 1/2 share: 17 whole diamonds and one half carried.
        assertThat(end.balance(AccountId.creatorDiamonds(bo))).isEqualTo(17);
        assertThat(end.balance(AccountId.creatorCarry(bo))).isEqualTo(1);
        // Cy's 70 coins were charged back after 50 were spent on Roses to bo: 20 taken back, and the 50 spent
        // recovered once, from the 50 diamond parts those Roses earned bo, taken back from the hold before it was
        // released; cy owes nothing.
        assertThat(end.balance(AccountId.userCoins(UserId.of("viewer-cy")))).isZero();
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text)
                .contains("PENDING, then the webhook arrives twice: wallet = 350 coins")
                .contains("replay = true, wallet = 345")
                .contains("refused, required 29999, available 315")
                .contains("20 coins taken back, 0 owed (wallet = 0), 50 diamond parts taken back from bo's hold");
    }
}
