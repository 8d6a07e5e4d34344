package dev.coinage.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coinage.ledger.AccountId;
import dev.coinage.ledger.AccountType;
import dev.coinage.spi.LedgerStore;
import dev.coinage.store.LedgerInvariants;
import dev.coinage.store.jdbc.EmbeddedPostgresSupport;
import dev.coinage.store.jdbc.PostgresLedgerStore;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The crash loop: a child JVM runs {@link CrashLoopChild}'s script of purchases, gifts, refunds, releases and cash-outs
 * on the test PostgreSQL server and is killed with SIGKILL ({@link Process#destroyForcibly()}) at a random moment (0 to 20 ms into a random step);
 * after each kill the ledger must satisfy the invariants, and a fresh child resumes the work from the start of the
 * script. After the kills, a last child runs to the end, and the ledger must equal, balance for balance, the ledger of
 * the same script run once without kills on another database. {@value #KILLS} kills in {@code verify};
 * {@code -Dcoinage.soak=true} makes {@value #SOAK_KILLS}.
 */
class PostgresCrashLoopTest {
    static final int KILLS = 3;
    static final int SOAK_KILLS = 25;
    static final int STEPS = 300;

    @Test
    void aChildKilledAtRandomMomentsLeavesAConsistentLedgerAndItsRetriesEndInTheLedgerOfARunWithoutKills()
            throws Exception {
        long seed = Long.getLong("coinage.crash.seed", new Random().nextLong());
        Random random = new Random(seed);
        int kills = Boolean.getBoolean("coinage.soak") ? SOAK_KILLS : KILLS;
        try (EmbeddedPostgresSupport.TestDatabase reference = EmbeddedPostgresSupport.newDatabase(2);
                EmbeddedPostgresSupport.TestDatabase crashed = EmbeddedPostgresSupport.newDatabase(2)) {
            assertThat(runChild(reference.dataSource().getJdbcUrl(), -1, 0)).isTrue();
            LedgerStore crashedStore = PostgresLedgerStore.create(crashed.dataSource());
            int killed = 0;
            for (int k = 0; k < kills; k++) {
                // A random moment of the script: 0 to 20 ms after a random step began.
                boolean finished =
                        runChild(crashed.dataSource().getJdbcUrl(), random.nextInt(STEPS - 20), random.nextInt(21));
                if (!finished) {
                    killed++;
                }
                LedgerInvariants.check(crashedStore, wallets());
                LedgerInvariants.checkLots(crashedStore);
            }
            assertThat(killed)
                    .as("children killed before they finished, seed %d", seed)
                    .isPositive();
            assertThat(runChild(crashed.dataSource().getJdbcUrl(), -1, 0)).isTrue();
            LedgerStore referenceStore = PostgresLedgerStore.create(reference.dataSource());
            Map<AccountId, Long> expected =
                    new TreeMap<>(referenceStore.snapshot().balances());
            assertThat(new TreeMap<>(crashedStore.snapshot().balances()))
                    .as("the ledger after %d kills, seed %d", killed, seed)
                    .isEqualTo(expected);
            assertThat(expected.get(AccountId.system(AccountType.DIAMONDS_PAID_OUT)))
                    .as("diamonds paid out by the script's cash-outs")
                    .isNotZero();
            LedgerInvariants.check(crashedStore, wallets());
            System.out.printf("crash loop: %d children killed, seed %d%n", killed, seed);
        }
    }

    static Set<AccountId> wallets() {
        Set<AccountId> wallets = new HashSet<>();
        for (var v : CrashLoopChild.VIEWERS) {
            wallets.add(AccountId.userCoins(v));
        }
        return wallets;
    }

    /**
     * Runs the child on a database; unless {@code killAtStep} is negative, kills it {@code delayMillis} after it reports
     * that step. Returns whether it ran to its end.
     */
    static boolean runChild(String jdbcUrl, int killAtStep, int delayMillis) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(
                java,
                "-Xmx256m",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                CrashLoopChild.class.getName(),
                jdbcUrl,
                Integer.toString(STEPS)));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        StringBuilder output = new StringBuilder();
        String mark = "step " + killAtStep;
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (killAtStep >= 0 && line.equals(mark)) {
                    Thread.sleep(delayMillis);
                    child.destroyForcibly(); // SIGKILL on Linux
                    child.waitFor(1, TimeUnit.MINUTES);
                    return false;
                }
                if (!line.startsWith("step ")) {
                    output.append(line).append('\n');
                }
            }
        }
        assertThat(child.waitFor(5, TimeUnit.MINUTES)).as("child ended").isTrue();
        assertThat(child.exitValue()).as("child exit; its output: %s", output).isZero();
        return true;
    }
}
