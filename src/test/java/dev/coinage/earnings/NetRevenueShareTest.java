package dev.coinage.earnings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coinage.Coinage;
import dev.coinage.catalog.ChannelId;
import dev.coinage.catalog.GiftContext;
import dev.coinage.catalog.GiftId;
import dev.coinage.catalog.PackageId;
import dev.coinage.catalog.Region;
import dev.coinage.core.IdempotencyKey;
import dev.coinage.core.UserId;
import dev.coinage.gift.GiftReceipt;
import dev.coinage.gift.GiftRequest;
import dev.coinage.json.EconomyJson;
import dev.coinage.policy.MemberProfile;
import dev.coinage.policy.PayoutProfile;
import dev.coinage.pricing.EconomyDefinition;
import dev.coinage.recharge.AppStoreReceipt;
import dev.coinage.recharge.RefundKind;
import dev.coinage.recharge.RefundRequest;
import dev.coinage.reports.ReportSettings;
import dev.coinage.reports.RevenueReport;
import dev.coinage.spi.LedgerStore;
import dev.coinage.spi.Members;
import dev.coinage.spi.PaymentResult;
import dev.coinage.store.memory.InMemoryLedgerStore;
import dev.coinage.testing.FakePayoutGateway;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import javax.money.CurrencyUnit;
import javax.money.Monetary;
import org.javamoney.moneta.Money;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Worked examples of the net-revenue earnings mode (docs/economics.md) on {@code examples/economy-net-share.json}: a
 * creator earns 70 % of the money behind the coins after the store's fee and the tax, 80 % for a partner, 65 % of
 * Google Play coins.
 */
class NetRevenueShareTest {
    static final CurrencyUnit USD = Monetary.getCurrency("USD");
    static final Region US = Region.of("US");
    static final Instant START = Instant.parse("2025-11-25T09:00:00Z");
    static final EconomyDefinition NET = load();

    static EconomyDefinition load() {
        try {
            return EconomyJson.read(Files.readAllBytes(Path.of("examples", "economy-net-share.json")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    final AtomicReference<Instant> now = new AtomicReference<>(START);
    final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };
    final Map<UserId, MemberProfile> profiles = new ConcurrentHashMap<>();
    final LedgerStore store = newStore(clock);
    final Coinage coinage = Coinage.builder()
            .definition(NET)
            .store(store)
            .clock(clock)
            .members(new Members() {
                @Override
                public Optional<MemberProfile> find(UserId user) {
                    return Optional.of(profiles.getOrDefault(user, profile()));
                }

                @Override
                public Optional<PayoutProfile> payoutProfile(UserId creator) {
                    return Optional.of(PayoutProfile.verified(USD));
                }
            })
            .payments(p -> PaymentResult.succeeded("psp-" + p.key().value()))
            .payouts(new FakePayoutGateway())
            .build();
    final UserId ana = UserId.of("ana");
    final UserId bo = UserId.of("bo");
    final UserId cleo = UserId.of("cleo");
    final UserId dee = UserId.of("dee");

    /** The store of a test; PostgreSQL in the subclass. */
    LedgerStore newStore(Clock c) {
        return InMemoryLedgerStore.create(c);
    }

    /** Releases the store. */
    void release(LedgerStore s) {}

    @AfterEach
    void close() {
        release(store);
    }

    static MemberProfile profile() {
        return MemberProfile.of(LocalDate.of(1990, 1, 1), US);
    }

    static Money usd(String amount) {
        return Money.of(new BigDecimal(amount), USD);
    }

    String buyApple(UserId buyer, String product, String price, String id) {
        return coinage.recharges()
                .creditReceipt(new AppStoreReceipt(
                        buyer, ChannelId.APPLE_APP_STORE, id, PackageId.of(product), usd(price), US, now.get()))
                .purchase();
    }

    GiftReceipt roses(String key, UserId from, UserId to, long count) {
        return coinage.gifts()
                .send(new GiftRequest(
                        IdempotencyKey.of(key), from, to, GiftId.of("rose"), count, GiftContext.LIVE, "l"));
    }

    void releaseAll() {
        now.updateAndGet(i -> i.plus(Duration.ofDays(8)));
        coinage.holds().releaseDueHolds();
    }

    @Test
    void aTenDollarIosPurchaseAtThirtyPercentEarnsFourNinetyAtSeventyPercent() {
        buyApple(ana, "apple-1000", "10.00", "1000000001");
        roses("g1", ana, cleo, 400);
        roses("g2", ana, cleo, 600);

        // $10 - $3.00 fee = $7.00 net; 70 % = $4.90 = 4,900,000 diamonds of a millionth of a dollar.
        assertThat(coinage.earnings(cleo).heldParts()).isEqualTo(4_900_000L * 10_000_000L);
        assertThat(coinage.earnings(cleo).partsPerDiamond()).isEqualTo(10_000_000L);
        releaseAll();
        assertThat(coinage.earnings(cleo).availableDiamonds()).isEqualTo(4_900_000);
        assertThat(coinage.earnings(cleo).carryParts()).isZero();

        CashOutQuote quote = coinage.cashOuts().quote(cleo, 4_900_000);
        assertThat(quote.gross()).isEqualTo(usd("4.90"));
        assertThat(quote.net()).isEqualTo(usd("4.65")); // less the $0.25 fixed cash-out fee
        Payout p = coinage.cashOuts().request(quote, IdempotencyKey.of("w1"));
        coinage.cashOuts().submit(p.id());
        coinage.cashOuts().paid(p.id());
        assertThat(coinage.earnings(cleo).availableDiamonds()).isZero();

        CreatorStatement s = coinage.cashOuts().statement(cleo, YearMonth.of(2025, 12), ZoneOffset.UTC);
        assertThat(s.diamondsMinted()).isEqualTo(4_900_000);
        assertThat(s.diamondsPaidOut()).isEqualTo(4_900_000);
        assertThat(s.diamondsClosing()).isZero();

        RevenueReport revenue = coinage.reports(ReportSettings.defaults()).revenue();
        assertThat(revenue.lines().get(0).netRevenue()).isEqualTo(usd("7.00"));
        assertThat(revenue.creators().earned()).isEqualTo(usd("4.90"));
        assertThat(revenue.creators().paidOut()).isEqualTo(usd("4.90"));
        assertThat(revenue.platformTake()).contains(usd("2.10"));
    }

    @Test
    void aWebPurchaseAtTwoPointNinePercentEarnsSeventyPercentOfNineSeventyOne() {
        var quote = coinage.quotes().quotePackage(bo, ChannelId.WEB, PackageId.of("web-1000"), USD, US);
        coinage.recharges().charge(quote, IdempotencyKey.of("order-1"));
        roses("g1", bo, cleo, 1000);

        // $10 - $0.29 fee = $9.71; 70 % = $6.797: 6,797,000 diamonds, $6.79 at cash-out (rounded down).
        releaseAll();
        assertThat(coinage.earnings(cleo).availableDiamonds()).isEqualTo(6_797_000);
        assertThat(coinage.cashOuts().quote(cleo, 6_797_000).gross()).isEqualTo(usd("6.79"));
        assertThat(coinage.reports(ReportSettings.defaults())
                        .revenue()
                        .creators()
                        .earned())
                .isEqualTo(usd("6.80"));
    }

    @Test
    void aTierShareWinsOverTheChannelShare() {
        profiles.put(dee, profile().withTier("partner"));
        buyApple(ana, "apple-1000", "10.00", "1000000001");
        roses("g1", ana, dee, 100);
        roses("g2", ana, cleo, 100);

        releaseAll();
        assertThat(coinage.earnings(dee).availableDiamonds()).isEqualTo(560_000); // $1 × 70 % × 80 %
        assertThat(coinage.earnings(cleo).availableDiamonds()).isEqualTo(490_000); // $1 × 70 % × 70 %
    }

    @Test
    void aChannelShareAppliesToCoinsBoughtThroughItAndFractionsAreCarried() {
        var quote = coinage.quotes().quotePackage(bo, ChannelId.GOOGLE_PLAY, PackageId.of("google-330"), USD, US);
        coinage.recharges().charge(quote, IdempotencyKey.of("order-1"));
        roses("g1", bo, cleo, 100);
        roses("g2", bo, cleo, 230);

        // A coin cost 4.99 / 330 = 0.015121212122 (to 10^-12, up); net of the 15 % fee ($0.75 of $4.99) it is
        // 0.015121212122 × 4.24 / 4.99 = 0.012848484 (to 10^-9, down); 65 % of 330 of them: 2,755,999.8 diamonds.
        long parts = 330L * 12_848_484L * 6_500L;
        releaseAll();
        CreatorEarnings e = coinage.earnings(cleo);
        assertThat(e.availableDiamonds()).isEqualTo(parts / 10_000_000L).isEqualTo(2_755_999);
        assertThat(e.carryParts()).isEqualTo(parts % 10_000_000L);
    }

    @Test
    void aRefundTakesBackTheNetEarningsOfItsCoinsFromTheHold() {
        buyApple(ana, "apple-1000", "10.00", "1000000001");
        String web = coinage.recharges()
                .charge(
                        coinage.quotes().quotePackage(ana, ChannelId.WEB, PackageId.of("web-1000"), USD, US),
                        IdempotencyKey.of("o"))
                .purchase();
        roses("g1", ana, cleo, 2000); // the 1000 App Store coins, then the 1000 web coins
        assertThat(coinage.earnings(cleo).heldParts()).isEqualTo((4_900_000L + 6_797_000L) * 10_000_000L);

        coinage.recharges().refund(RefundRequest.full("r1", web, RefundKind.REFUND));

        // Ana has no other coins: the web coins' $6.797 is taken back from the hold, the App Store coins' $4.90 stays.
        assertThat(coinage.earnings(cleo).heldParts()).isEqualTo(4_900_000L * 10_000_000L);
    }
}
