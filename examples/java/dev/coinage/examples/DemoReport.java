package dev.coinage.examples;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import javax.money.MonetaryAmount;

/**
 * Writes a day's figures as one HTML file with charts. Chart.js is read from its WebJar on the class path and inlined,
 * so the report opens offline, from a mail attachment as well as from disk.
 *
 * <p>The page checks itself: when every chart was drawn with data it sets {@code data-charts="ok"} on its body and
 * appends "(charts ready)" to its title; a script error sets {@code data-error}. {@code examples/check-report.sh} reads
 * both in a headless browser.
 */
public final class DemoReport {
    private static final String WEBJAR = "META-INF/resources/webjars/chart.js/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private DemoReport() {}

    /**
     * Writes {@code report.html} into a folder, creating it if needed.
     *
     * @param folder the folder, not null
     * @param day the day, not null
     * @param compared the same day under another economy, or empty
     * @return the report's path, never null
     */
    public static Path write(Path folder, DayFigures day, Optional<DayFigures> compared) {
        try {
            Files.createDirectories(folder);
            Path report = folder.resolve("report.html");
            Files.writeString(report, html(day, compared), StandardCharsets.UTF_8);
            return report;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The report's HTML.
     *
     * @param day the day, not null
     * @param compared the same day under another economy, or empty
     * @return the page, never null
     */
    public static String html(DayFigures day, Optional<DayFigures> compared) {
        StringBuilder h = new StringBuilder(300_000);
        LiveStreamDay.Settings s = day.settings();
        h.append("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>Coinage demo: a live-streaming day</title>\n<style>\n")
                .append(CSS)
                .append("</style>\n</head>\n<body>\n<header>\n<h1>A live-streaming day on ")
                .append(escape(day.economy()))
                .append("</h1>\n<p>")
                .append(Demo.count(s.viewers()))
                .append(" viewers, ")
                .append(Demo.count(s.creators()))
                .append(" creators, ")
                .append(s.hours())
                .append(" hours from ")
                .append(LiveStreamDay.START)
                .append(", seed ")
                .append(s.seed())
                .append(". Every figure comes from the ledger and the events Coinage reported; the same seed gives"
                        + " the same figures.</p>\n</header>\n");
        h.append("<section class=\"cards\">\n");
        card(h, "viewers paid", Demo.money(day.viewerSpend()));
        card(h, "creators earn", Demo.money(day.creatorEarnings()));
        card(h, "platform take", Demo.money(day.platformTake()));
        card(h, "gifts sent", Demo.count(day.giftsSent()));
        card(h, "coins still held", Demo.count(day.endLiability()));
        card(h, "ledger", day.balanced() ? "balanced" : "NOT balanced");
        h.append("</section>\n<section class=\"grid\">\n");
        chart(
                h,
                "channels",
                "Coins sold by channel",
                "Coins credited (paid and bonus) and what viewers paid, net of refunds.");
        chart(h, "gifts", "Gifts by type", "How many of each gift viewers sent, and the coins they spent on it.");
        chart(
                h,
                "money",
                "Where viewers' money went",
                "Tax, store fees, creators' earnings (diamonds released after the hold window), coins bought but not"
                        + " spent yet (at the day's average price) and the platform's take.");
        chart(h, "creators", "Creator earnings", "Whole diamonds released to each creator a week after the day.");
        chart(
                h,
                "liability",
                "Coin liability over the day",
                "Coins held by viewers at the end of each hour: bought, not yet spent, owed to them.");
        chart(
                h,
                "cashouts",
                "Cash-outs",
                "Creators above the cash-out minimum cash out a week later; the payout"
                        + " provider fails some, and a bank returns some paid ones.");
        compared.ifPresent(other -> chart(
                h,
                "compare",
                "What-if: " + day.economy() + " vs " + other.economy(),
                "The same seeded day replayed under a second economy definition."));
        h.append("</section>\n<section class=\"tables\">\n");
        table(h, "The day in numbers", facts(day));
        table(h, "Invariants: every unit's accounts sum to zero", invariants(day));
        compared.ifPresent(other -> table(h, "What-if", whatIf(day, other)));
        h.append("</section>\n<footer>Generated by the Coinage demo (examples/java/dev/coinage/examples/Demo.java)."
                        + " Charts drawn by Chart.js ")
                .append(escape(chartJsVersion()))
                .append(" (MIT licence), inlined.</footer>\n");
        h.append("<script>\nwindow.addEventListener('error', function (e) {"
                + " document.body.setAttribute('data-error', String(e.message)); });\n</script>\n");
        h.append("<script>\n")
                .append(chartJs().replace("</script", "<\\/script"))
                .append("\n</script>\n<script>\nconst DATA = ")
                .append(data(day, compared))
                .append(";\n")
                .append(SCRIPT)
                .append("</script>\n</body>\n</html>\n");
        return h.toString();
    }

    private static void card(StringBuilder h, String label, String value) {
        h.append("<div class=\"card\"><div class=\"value\">")
                .append(escape(value))
                .append("</div><div class=\"label\">")
                .append(escape(label))
                .append("</div></div>\n");
    }

    private static void chart(StringBuilder h, String id, String title, String note) {
        h.append("<figure><h2>")
                .append(escape(title))
                .append("</h2><div class=\"canvas\"><canvas id=\"")
                .append(id)
                .append("\"></canvas></div><figcaption>")
                .append(escape(note))
                .append("</figcaption></figure>\n");
    }

    private static void table(StringBuilder h, String title, List<String[]> rows) {
        h.append("<div class=\"table\"><h2>").append(escape(title)).append("</h2><table>\n");
        for (String[] row : rows) {
            h.append("<tr>");
            for (int i = 0; i < row.length; i++) {
                String tag = i == 0 ? "th" : "td";
                h.append('<')
                        .append(tag)
                        .append('>')
                        .append(escape(row[i]))
                        .append("</")
                        .append(tag)
                        .append('>');
            }
            h.append("</tr>\n");
        }
        h.append("</table></div>\n");
    }

    private static List<String[]> facts(DayFigures d) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"purchases credited", Demo.count(d.purchases())});
        rows.add(new String[] {"web payments pending until their webhook", Demo.count(d.pendingPayments())});
        rows.add(new String[] {"payments declined", Demo.count(d.declinedPayments())});
        rows.add(new String[] {"webhook deliveries (duplicates included)", Demo.count(d.webhooksDelivered())});
        rows.add(new String[] {"gifts sent", Demo.count(d.giftsSent())});
        rows.add(new String[] {"combo streaks (one atomic batch each)", Demo.count(d.combos())});
        rows.add(new String[] {"retried taps answered without a second charge", Demo.count(d.replays())});
        rows.add(new String[] {"gifts refused", Demo.count(d.refused())});
        rows.add(new String[] {"refunds / chargebacks", Demo.count(d.refunds()) + " / " + Demo.count(d.chargebacks())});
        rows.add(new String[] {"unspent coins taken back by refunds", Demo.count(d.coinsClawedBack())});
        rows.add(new String[] {"spent coins owed after refunds", Demo.count(d.coinDebt())});
        rows.add(new String[] {"diamond parts taken back from holds", Demo.count(d.partsReversed())});
        rows.add(new String[] {"viewers paid", Demo.money(d.viewerSpend())});
        rows.add(new String[] {"tax", Demo.money(d.tax())});
        rows.add(new String[] {"store fees", Demo.money(d.storeFees())});
        rows.add(new String[] {"creator earnings", Demo.money(d.creatorEarnings())});
        rows.add(new String[] {"coins not spent yet (average price)", Demo.money(d.unspentCoins())});
        rows.add(new String[] {"platform take", Demo.money(d.platformTake())});
        rows.add(new String[] {"cash-outs paid, net", Demo.money(d.cashedOut())});
        return rows;
    }

    private static List<String[]> invariants(DayFigures d) {
        List<String[]> rows = new ArrayList<>();
        d.unitTotals().forEach((unit, total) -> rows.add(new String[] {unit.plural(), Long.toString(total)}));
        return rows;
    }

    private static List<String[]> whatIf(DayFigures a, DayFigures b) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"", a.economy(), b.economy()});
        rows.add(new String[] {"viewer spend", Demo.money(a.viewerSpend()), Demo.money(b.viewerSpend())});
        rows.add(new String[] {"creator earnings", Demo.money(a.creatorEarnings()), Demo.money(b.creatorEarnings())});
        rows.add(new String[] {"platform take", Demo.money(a.platformTake()), Demo.money(b.platformTake())});
        rows.add(new String[] {"gifts sent", Demo.count(a.giftsSent()), Demo.count(b.giftsSent())});
        rows.add(
                new String[] {"ledger", a.balanced() ? "balanced" : "NOT balanced", b.balanced() ? "balanced" : "NOT"});
        return rows;
    }

    private static double number(MonetaryAmount amount) {
        return amount.with(javax.money.Monetary.getDefaultRounding())
                .getNumber()
                .doubleValue();
    }

    /** The charts' data as JSON: labels and numbers only, the page formats nothing itself. */
    static String data(DayFigures day, Optional<DayFigures> compared) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("currency", day.viewerSpend().getCurrency().getCurrencyCode());
        data.put(
                "channels",
                Map.of(
                        "labels", List.copyOf(day.coinsSoldByChannel().keySet()),
                        "coins", List.copyOf(day.coinsSoldByChannel().values()),
                        "sales",
                                day.salesByChannel().values().stream()
                                        .map(DemoReport::number)
                                        .toList()));
        data.put(
                "gifts",
                Map.of(
                        "labels", List.copyOf(day.giftsByType().keySet()),
                        "count", List.copyOf(day.giftsByType().values()),
                        "coins", List.copyOf(day.coinsByGiftType().values())));
        data.put(
                "money",
                Map.of(
                        "labels", List.of("tax", "store fees", "creators", "coins not spent yet", "platform"),
                        "amounts",
                                List.of(
                                        number(day.tax()),
                                        number(day.storeFees()),
                                        number(day.creatorEarnings()),
                                        number(day.unspentCoins()),
                                        number(day.platformTake()))));
        data.put(
                "creators",
                Map.of(
                        "labels", List.copyOf(day.creatorDiamonds().keySet()),
                        "diamonds", List.copyOf(day.creatorDiamonds().values())));
        List<String> hours = new ArrayList<>();
        for (int i = 0; i < day.liabilityByHour().size(); i++) {
            hours.add(String.format("%02d:59", i));
        }
        data.put("liability", Map.of("labels", hours, "coins", day.liabilityByHour()));
        data.put(
                "cashouts",
                Map.of(
                        "labels", List.of("requested", "paid", "failed", "returned"),
                        "count",
                                List.of(
                                        day.cashOutsRequested(),
                                        day.cashOutsPaid(),
                                        day.cashOutsFailed(),
                                        day.cashOutsReturned())));
        compared.ifPresent(other -> data.put(
                "compare",
                Map.of(
                        "labels", List.of("viewer spend", "creator earnings", "platform take"),
                        "economies", List.of(day.economy(), other.economy()),
                        "a",
                                List.of(
                                        number(day.viewerSpend()),
                                        number(day.creatorEarnings()),
                                        number(day.platformTake())),
                        "b",
                                List.of(
                                        number(other.viewerSpend()),
                                        number(other.creatorEarnings()),
                                        number(other.platformTake())))));
        try {
            return JSON.writeValueAsString(data).replace("</", "<\\/");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The version of the Chart.js WebJar on the class path. */
    static String chartJsVersion() {
        try (InputStream in = DemoReport.class
                .getClassLoader()
                .getResourceAsStream("META-INF/maven/org.webjars.npm/chart.js/pom.properties")) {
            if (in == null) {
                throw new IllegalStateException(
                        "the Chart.js WebJar (org.webjars.npm:chart.js) is not on the class path");
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String chartJs() {
        String path = WEBJAR + chartJsVersion() + "/dist/chart.umd.min.js";
        try (InputStream in = DemoReport.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("Chart.js not found on the class path at " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }

    private static final String CSS =
            """
            :root { --ink: #1d2433; --muted: #5b6475; --line: #e3e6ec; --accent: #e8395f; }
            * { box-sizing: border-box; }
            body { margin: 0; padding: 24px 32px; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
                   color: var(--ink); background: #f6f7f9; }
            header h1 { margin: 0 0 4px; font-size: 22px; }
            header p { margin: 0 0 16px; color: var(--muted); }
            h2 { font-size: 15px; margin: 0 0 8px; }
            .cards { display: grid; grid-template-columns: repeat(6, 1fr); gap: 12px; margin-bottom: 16px; }
            .card { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px; }
            .card .value { font-size: 20px; font-weight: 600; }
            .card .label { color: var(--muted); }
            .grid { display: grid; grid-template-columns: repeat(2, 1fr); gap: 16px; }
            figure { margin: 0; background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 14px; }
            figcaption { color: var(--muted); font-size: 12px; margin-top: 6px; }
            .canvas { position: relative; height: 260px; }
            .tables { display: grid; grid-template-columns: repeat(3, 1fr); gap: 16px; margin-top: 16px; }
            .table { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 14px; }
            table { border-collapse: collapse; width: 100%; }
            th, td { text-align: left; padding: 3px 6px; border-bottom: 1px solid var(--line); font-weight: normal; }
            td { text-align: right; font-variant-numeric: tabular-nums; }
            th { color: var(--muted); }
            footer { color: var(--muted); font-size: 12px; margin-top: 16px; }
            """;

    private static final String SCRIPT =
            """
            (function () {
              Chart.defaults.animation = false;
              Chart.defaults.maintainAspectRatio = false;
              Chart.defaults.font.family = 'system-ui, sans-serif';
              const palette = ['#e8395f', '#2f7ed8', '#f5a623', '#31a354', '#8e5ea2', '#17becf', '#7f7f7f',
                               '#bcbd22', '#d62728', '#1f77b4', '#ff7f0e', '#2ca02c', '#9467bd', '#8c564b'];
              const money = new Intl.NumberFormat('en-US', { style: 'currency', currency: DATA.currency });
              const moneyTicks = { callback: function (v) { return money.format(v); } };
              const drawn = [];
              function draw(id, config) {
                const canvas = document.getElementById(id);
                if (!canvas) { return; }
                const chart = new Chart(canvas, config);
                const points = chart.data.datasets.reduce(function (n, d) {
                  return n + d.data.filter(function (v) { return Number(v) !== 0; }).length; }, 0);
                drawn.push({ id: id, points: points });
              }
              draw('channels', { type: 'bar', data: { labels: DATA.channels.labels, datasets: [
                  { label: 'coins', data: DATA.channels.coins, backgroundColor: palette[1], yAxisID: 'y' },
                  { label: 'paid (' + DATA.currency + ')', data: DATA.channels.sales, backgroundColor: palette[0],
                    yAxisID: 'y1' }] },
                options: { scales: { y: { position: 'left', title: { display: true, text: 'coins' } },
                                     y1: { position: 'right', grid: { drawOnChartArea: false }, ticks: moneyTicks } } } });
              draw('gifts', { type: 'bar', data: { labels: DATA.gifts.labels, datasets: [
                  { label: 'gifts sent', data: DATA.gifts.count, backgroundColor: palette[3], yAxisID: 'y' },
                  { label: 'coins spent', data: DATA.gifts.coins, backgroundColor: palette[2], yAxisID: 'y1' }] },
                options: { scales: { y: { type: 'logarithmic', position: 'left', title: { display: true, text: 'gifts' } },
                                     y1: { type: 'logarithmic', position: 'right', grid: { drawOnChartArea: false },
                                           title: { display: true, text: 'coins' } } } } });
              draw('money', { type: 'doughnut', data: { labels: DATA.money.labels, datasets: [
                  { data: DATA.money.amounts, backgroundColor: [palette[6], palette[2], palette[3], palette[1], palette[0]] }] },
                options: { plugins: { legend: { position: 'right' }, tooltip: { callbacks: {
                  label: function (c) { return c.label + ': ' + money.format(c.parsed); } } } } } });
              draw('creators', { type: 'bar', data: { labels: DATA.creators.labels, datasets: [
                  { label: 'diamonds released', data: DATA.creators.diamonds, backgroundColor: palette[4] }] },
                options: { plugins: { legend: { display: false } } } });
              draw('liability', { type: 'line', data: { labels: DATA.liability.labels, datasets: [
                  { label: 'coins held by viewers', data: DATA.liability.coins, borderColor: palette[1],
                    backgroundColor: 'rgba(47,126,216,0.15)', fill: true, tension: 0.25 }] },
                options: { plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true } } } });
              draw('cashouts', { type: 'bar', data: { labels: DATA.cashouts.labels, datasets: [
                  { label: 'cash-outs', data: DATA.cashouts.count,
                    backgroundColor: [palette[6], palette[3], palette[0], palette[2]] }] },
                options: { plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true,
                  ticks: { precision: 0 } } } } });
              if (DATA.compare) {
                draw('compare', { type: 'bar', data: { labels: DATA.compare.labels, datasets: [
                    { label: DATA.compare.economies[0], data: DATA.compare.a, backgroundColor: palette[1] },
                    { label: DATA.compare.economies[1], data: DATA.compare.b, backgroundColor: palette[0] }] },
                  options: { scales: { y: { ticks: moneyTicks } } } });
              }
              const empty = drawn.filter(function (c) { return c.points === 0; }).map(function (c) { return c.id; });
              const expected = document.querySelectorAll('canvas').length;
              if (empty.length === 0 && drawn.length === expected) {
                document.body.setAttribute('data-charts', 'ok');
                document.title = document.title + ' (charts ready)';
              } else {
                document.body.setAttribute('data-charts', 'empty: ' + empty.join(' '));
              }
            })();
            """;
}
