package dev.coinage.examples;

import dev.coinage.catalog.ChannelId;
import dev.coinage.catalog.GiftId;
import dev.coinage.catalog.PackageId;
import dev.coinage.catalog.Region;
import dev.coinage.core.IdempotencyKey;
import dev.coinage.core.UserId;
import dev.coinage.earnings.EarningsListener;
import dev.coinage.earnings.HoldReleases;
import dev.coinage.earnings.ReleaseSummary;
import dev.coinage.gift.GiftReceipt;
import dev.coinage.gift.GiftRequest;
import dev.coinage.gift.Gifting;
import dev.coinage.json.EconomyJson;
import dev.coinage.ledger.AccountId;
import dev.coinage.ledger.InsufficientCoinsException;
import dev.coinage.ledger.LedgerSnapshot;
import dev.coinage.ledger.LedgerUnit;
import dev.coinage.policy.MemberProfile;
import dev.coinage.policy.Standing;
import dev.coinage.pricing.EconomyDefinition;
import dev.coinage.pricing.RechargeQuote;
import dev.coinage.pricing.RechargeQuoter;
import dev.coinage.recharge.RechargeReceipt;
import dev.coinage.recharge.Recharges;
import dev.coinage.recharge.RefundResult;
import dev.coinage.spi.LedgerStore;
import dev.coinage.spi.PaymentResult;
import dev.coinage.store.memory.InMemoryLedgerStore;
import dev.coinage.testing.FakePaymentGateway;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.money.Monetary;
import javax.money.MonetaryAmount;

/**
 * A walkthrough of Coinage on the example economy ({@code examples/economy.json}): a viewer compares the web and app
 * prices of coins, buys on the web (the payment provider's webhook arrives twice), sends gifts to a creator during a
 * LIVE (one of them retried), is refused a gift she cannot afford; another viewer's card payment is charged back after
 * he spent the coins, which takes back the diamonds they earned while still on hold; a week later the creator's held
 * earnings become whole diamonds. Run it with
 * {@code ./mvnw -q test-compile exec:java}.
 */
public final class Demo {
    // Moneta logs its configuration at INFO through java.util.logging; the walkthrough does not need it. Kept in a
    // field because java.util.logging holds loggers weakly.
    private static final Logger MONETA_LOG = Logger.getLogger("org.javamoney.moneta");

    private Demo() {}

    private static String money(MonetaryAmount amount) {
        return amount.getCurrency().getCurrencyCode() + " "
                + amount.getNumber()
                        .numberValue(BigDecimal.class)
                        .setScale(amount.getCurrency().getDefaultFractionDigits(), RoundingMode.UNNECESSARY);
    }

    /**
     * Runs the walkthrough on standard output.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        MONETA_LOG.setLevel(Level.WARNING);
        run(System.out, Path.of("examples", "economy.json"));
    }

    /**
     * Runs the walkthrough.
     *
     * @param out where to print, not null
     * @param definitionFile the economy definition to load, not null
     * @return the final snapshot of the ledger
     */
    public static LedgerSnapshot run(PrintStream out, Path definitionFile) {
        EconomyDefinition economy;
        try {
            economy = EconomyJson.read(definitionFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Instant start = Instant.parse("2026-11-25T20:00:00Z");
        LedgerStore ledger = InMemoryLedgerStore.create(Clock.fixed(start, ZoneOffset.UTC));
        UserId ana = UserId.of("viewer-ana");
        UserId bo = UserId.of("creator-bo");
        UserId cy = UserId.of("viewer-cy");
        Region us = Region.of("US");
        Map<UserId, MemberProfile> members = Map.of(
                ana, new MemberProfile(LocalDate.of(1998, 4, 2), us, Standing.GOOD, false),
                bo, new MemberProfile(LocalDate.of(1995, 9, 14), us, Standing.GOOD, true),
                cy, new MemberProfile(LocalDate.of(2001, 1, 30), us, Standing.GOOD, false));

        out.println("Coinage walkthrough on " + definitionFile);

        RechargeQuoter quoter = RechargeQuoter.builder(economy)
                .clock(Clock.fixed(start, ZoneOffset.UTC))
                .build();
        var usd = Monetary.getCurrency("USD");
        RechargeQuote app = quoter.quotePackage(ana, ChannelId.APPLE_APP_STORE, PackageId.of("apple-330"), usd, us);
        RechargeQuote web = quoter.quotePackage(ana, ChannelId.WEB, PackageId.of("web-350"), usd, us);
        out.println("1. quotes for ana:        " + app.paidCoins() + " coins in the App Store for " + money(app.gross())
                + ", " + web.paidCoins() + " coins on the web for " + money(web.gross()));

        // The host's payment provider: here the tests' fake one, which answers "pending" when told to, and keeps the
        // webhooks it will send; a real host wires its provider's client and webhook endpoint the same way.
        FakePaymentGateway psp = new FakePaymentGateway().then(PaymentResult.Status.PENDING);
        Recharges recharges = Recharges.builder(quoter, ledger, psp)
                .clock(Clock.fixed(start, ZoneOffset.UTC))
                .build();
        AccountId wallet = AccountId.userCoins(ana);
        RechargeReceipt pending = recharges.charge(web, IdempotencyKey.of("checkout-" + web.id()));
        // The payment is captured later; the provider's webhook reaches the host twice.
        psp.settle(pending.purchase(), true);
        psp.deliver(recharges, FakePaymentGateway.Delivery.TWICE, new Random(1));
        out.println("2. ana pays the web quote: " + pending.status() + ", then the webhook arrives twice: wallet = "
                + ledger.balance(wallet) + " coins");

        Clock[] now = {Clock.fixed(start, ZoneOffset.UTC)};
        Gifting gifting = Gifting.builder(economy, ledger)
                .members(user -> Optional.ofNullable(members.get(user)))
                .clock(new Clock() {
                    @Override
                    public Instant instant() {
                        return now[0].instant();
                    }

                    @Override
                    public java.time.ZoneId getZone() {
                        return ZoneOffset.UTC;
                    }

                    @Override
                    public Clock withZone(java.time.ZoneId zone) {
                        return this;
                    }
                })
                .build();

        GiftRequest roses = GiftRequest.live(IdempotencyKey.of("tap-1"), ana, bo, GiftId.of("rose"), "live-42")
                .withCount(5);
        GiftReceipt first = gifting.send(roses);
        out.println("3. ana sends 5 Roses:      " + first.coinsSpent() + " coins spent, wallet = "
                + first.senderBalanceAfter() + ", bo earns " + first.partsCredited() + "/"
                + first.partsPerDiamond() + " diamonds, held until the hold ends");
        GiftReceipt again = gifting.send(roses);
        out.println("4. the tap is retried:     replay = " + again.replay() + ", wallet = " + ledger.balance(wallet));
        GiftReceipt doughnut =
                gifting.send(GiftRequest.live(IdempotencyKey.of("tap-2"), ana, bo, GiftId.of("doughnut"), "live-42"));
        out.println("5. ana sends a Doughnut:   " + doughnut.coinsSpent() + " coins spent, wallet = "
                + doughnut.senderBalanceAfter());
        try {
            gifting.send(GiftRequest.live(IdempotencyKey.of("tap-3"), ana, bo, GiftId.of("lion"), "live-42"));
        } catch (InsufficientCoinsException e) {
            out.println(
                    "6. ana tries a Lion:       refused, required " + e.required() + ", available " + e.available());
        }

        // Cy buys 70 coins with a card, sends 50 Roses to bo, and the bank charges the payment back: the 20 unspent
        // coins are taken back, and the 50 spent, which cy has no other coins to cover, are recovered once: the 50
        // diamond parts they earned bo, still on hold, go back (cy owes nothing for them).
        RechargeReceipt cyPaid = recharges.charge(
                quoter.quotePackage(cy, ChannelId.WEB, PackageId.of("web-70"), usd, us),
                IdempotencyKey.of("checkout-cy"));
        gifting.send(GiftRequest.live(IdempotencyKey.of("tap-4"), cy, bo, GiftId.of("rose"), "live-42")
                .withCount(50));
        psp.refund(cyPaid.purchase(), "cb-1", null, true);
        RefundResult chargeback = psp.deliver(recharges, FakePaymentGateway.Delivery.IN_ORDER, new Random(1)).stream()
                .map(e -> (RefundResult) e.getValue())
                .findFirst()
                .orElseThrow();
        out.println(
                "7. cy's card is charged back: " + chargeback.clawedBack() + " coins taken back, " + chargeback.debt()
                        + " owed (wallet = " + ledger.balance(AccountId.userCoins(cy)) + "), "
                        + chargeback.partsReversed() + " diamond parts taken back from bo's hold");

        now[0] = Clock.fixed(start.plus(economy.earnings().holdWindow()).plus(Duration.ofHours(2)), ZoneOffset.UTC);
        ReleaseSummary released = HoldReleases.of(economy, ledger, now[0], new EarningsListener() {})
                .releaseDueHolds();
        AccountId diamonds = AccountId.creatorDiamonds(bo);
        out.println("8. a week later:           " + released.diamondsMinted() + " whole diamonds released to bo = "
                + ledger.balance(diamonds) + " (" + ledger.balance(AccountId.creatorCarry(bo))
                + " half-diamond carried)");

        LedgerSnapshot snapshot = ledger.snapshot();
        out.println("9. every unit balances:    coins " + snapshot.total(LedgerUnit.COIN) + ", diamonds "
                + snapshot.total(LedgerUnit.DIAMOND) + ", diamond parts " + snapshot.total(LedgerUnit.DIAMOND_PART)
                + ", allowances " + snapshot.total(LedgerUnit.ALLOWANCE) + ", coin lots "
                + snapshot.total(LedgerUnit.LOT));
        return snapshot;
    }
}
