package dev.coinage.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coinage.ledger.LedgerUnit;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoTest {
    private static final String[] SMALL_DAY = {"--viewers", "50", "--creators", "5", "--seed", "7"};

    @TempDir
    static Path folder;

    private static Demo.Result first;
    private static String printed;

    @BeforeAll
    static void runASmallDayWithAComparison() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        first = Demo.run(
                options("--out", folder.resolve("a").toString(), "--compare", "examples/economy-web-first.json"),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                false);
        printed = out.toString(StandardCharsets.UTF_8);
    }

    private static Demo.Options options(String... more) {
        String[] args = new String[SMALL_DAY.length + more.length];
        System.arraycopy(SMALL_DAY, 0, args, 0, SMALL_DAY.length);
        System.arraycopy(more, 0, args, SMALL_DAY.length, more.length);
        return Demo.Options.parse(args);
    }

    @Test
    void aSmallDaySellsCoinsOnEveryChannelSendsGiftsAndEndsWithABalancedLedger() {
        DayFigures day = first.day();
        assertThat(day.balanced()).isTrue();
        for (LedgerUnit unit : LedgerUnit.values()) {
            assertThat(day.unitTotals().get(unit)).as(unit.plural()).isZero();
        }
        assertThat(day.coinsSoldByChannel()).containsOnlyKeys("Apple App Store", "Google Play", "Web recharge");
        assertThat(day.coinsSoldByChannel().values()).allMatch(coins -> coins > 0);
        assertThat(day.purchases()).isPositive();
        assertThat(day.giftsSent()).isPositive();
        assertThat(day.combos()).isPositive();
        assertThat(day.giftsByType().values().stream()
                        .mapToLong(Long::longValue)
                        .sum())
                .isEqualTo(day.giftsSent());
        assertThat(day.liabilityByHour()).hasSize(24);
        // Viewers hold coins at the end, and the money adds up: spend = tax + fees + creators + unspent + platform.
        assertThat(day.endLiability()).isPositive();
        assertThat(day.tax()
                        .add(day.storeFees())
                        .add(day.creatorEarnings())
                        .add(day.unspentCoins())
                        .add(day.platformTake()))
                .isEqualTo(day.viewerSpend());
        // Every diamond released came from a gift: a creator earns at most half the coins spent on gifts.
        long diamonds = day.creatorDiamonds().values().stream()
                .mapToLong(Long::longValue)
                .sum();
        long coinsSpent = day.coinsByGiftType().values().stream()
                .mapToLong(Long::longValue)
                .sum();
        assertThat(diamonds).isPositive().isLessThanOrEqualTo(coinsSpent / 2);
        assertThat(day.cashOutsRequested())
                .isEqualTo(day.cashOutsPaid() + day.cashOutsFailed() + day.cashOutsReturned());
    }

    @Test
    void theSameSeedGivesTheSameSummaryAndAnotherSeedAnotherDay() {
        Demo.Result again = Demo.run(
                options("--out", folder.resolve("b").toString()), new PrintStream(new ByteArrayOutputStream()), false);
        assertThat(again.summary())
                .isEqualTo(first.summary().subList(0, again.summary().size()));
        assertThat(again.day()).isEqualTo(first.day());

        Demo.Result other = Demo.run(
                Demo.Options.parse(
                        "--viewers",
                        "50",
                        "--creators",
                        "5",
                        "--seed",
                        "8",
                        "--out",
                        folder.resolve("c").toString()),
                new PrintStream(new ByteArrayOutputStream()),
                false);
        assertThat(other.day().giftsSent()).isNotEqualTo(first.day().giftsSent());
    }

    @Test
    void theSameDayOnPostgreSqlGivesTheSameFigures() {
        String[] small = {"--viewers", "20", "--creators", "3", "--hours", "6", "--seed", "11"};
        Demo.Result memory = Demo.run(
                Demo.Options.parse(concat(small, "--out", folder.resolve("m").toString())),
                new PrintStream(new ByteArrayOutputStream()),
                false);
        Demo.Result postgres = Demo.run(
                Demo.Options.parse(concat(small, "--out", folder.resolve("p").toString(), "--store", "postgres")),
                new PrintStream(new ByteArrayOutputStream()),
                false);
        assertThat(memory.day().giftsSent()).isPositive();
        assertThat(postgres.day()).isEqualTo(memory.day());
        assertThat(postgres.summary().get(0)).endsWith("PostgreSQL store");
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = new String[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Test
    void theComparisonReplaysTheSameDayUnderTheSecondEconomy() {
        DayFigures web = first.compared().orElseThrow();
        assertThat(web.economy()).isEqualTo("economy-web-first.json");
        assertThat(web.balanced()).isTrue();
        // A higher creator share (3/5 instead of 1/2) and cheaper web coins: creators earn more of each gift.
        assertThat(web.creatorEarnings()).isGreaterThan(first.day().creatorEarnings());
        assertThat(printed)
                .contains("what-if")
                .contains("economy-web-first.json")
                .contains("platform take");
    }

    @Test
    void theSummaryShowsMoneyInTheLocalesFormat() {
        assertThat(printed).contains("viewers paid $").doesNotContain("USD ").contains("the ledger balances");
    }

    @Test
    void theReportIsOneHtmlFileWithChartJsInlinedAndDataForEveryChart() throws Exception {
        Path report = first.report();
        assertThat(report).exists();
        String html = Files.readString(report, StandardCharsets.UTF_8);
        assertThat(html).doesNotContain("<script src=").contains("Chart.js v" + DemoReport.chartJsVersion());
        int start = html.indexOf("const DATA = ") + "const DATA = ".length();
        JsonNode data = new ObjectMapper().readTree(html.substring(start, html.indexOf(";\n", start)));
        for (String chart :
                new String[] {"channels", "gifts", "money", "creators", "liability", "cashouts", "compare"}) {
            assertThat(html).contains("<canvas id=\"" + chart + "\">");
            assertThat(data.has(chart)).as(chart).isTrue();
        }
        assertThat(sum(data.at("/channels/coins")))
                .isEqualTo((double) first.day().coinsSoldByChannel().values().stream()
                        .mapToLong(Long::longValue)
                        .sum());
        assertThat(sum(data.at("/gifts/count"))).isEqualTo((double) first.day().giftsSent());
        assertThat(data.at("/liability/coins")).hasSize(24);
        assertThat(sum(data.at("/creators/diamonds"))).isPositive();
        // Where the money went: its five parts add up to what viewers paid.
        assertThat(data.at("/money/labels")).hasSize(5);
        assertThat(sum(data.at("/money/amounts")))
                .isCloseTo(
                        first.day().viewerSpend().getNumber().doubleValue(), org.assertj.core.data.Offset.offset(0.01));
        assertThat(data.at("/compare/economies/1").asText()).isEqualTo("economy-web-first.json");
    }

    @Test
    void unknownOptionsAndMissingValuesAreRefusedWithTheirName() {
        assertThatThrownBy(() -> Demo.Options.parse("--viewrs", "5"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--viewrs");
        assertThatThrownBy(() -> Demo.Options.parse("--seed"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--seed");
        assertThatThrownBy(() -> Demo.Options.parse("--store", "oracle"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("memory or postgres");
        assertThat(Demo.Options.parse().settings()).isEqualTo(LiveStreamDay.Settings.defaults());
    }

    private static double sum(JsonNode numbers) {
        double total = 0;
        for (JsonNode n : numbers) {
            total += n.asDouble();
        }
        return total;
    }
}
