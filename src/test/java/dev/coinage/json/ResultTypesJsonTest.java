package dev.coinage.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coinage.Coinage;
import dev.coinage.catalog.ChannelId;
import dev.coinage.catalog.GiftId;
import dev.coinage.catalog.PackageId;
import dev.coinage.catalog.Region;
import dev.coinage.core.IdempotencyKey;
import dev.coinage.core.UserId;
import dev.coinage.earnings.CashOutEvent;
import dev.coinage.earnings.CashOutQuote;
import dev.coinage.earnings.HoldReleased;
import dev.coinage.earnings.Payout;
import dev.coinage.event.CoinageListener;
import dev.coinage.gift.DiamondsHeld;
import dev.coinage.gift.GiftRequest;
import dev.coinage.gift.GiftSent;
import dev.coinage.policy.MemberProfile;
import dev.coinage.policy.PayoutProfile;
import dev.coinage.pricing.RechargeQuote;
import dev.coinage.recharge.AppStoreReceipt;
import dev.coinage.recharge.CoinsCredited;
import dev.coinage.recharge.RechargeReceipt;
import dev.coinage.recharge.Recharges;
import dev.coinage.recharge.RefundApplied;
import dev.coinage.recharge.RefundKind;
import dev.coinage.recharge.RefundRequest;
import dev.coinage.recharge.WalletFrozen;
import dev.coinage.spi.Members;
import dev.coinage.spi.PaymentResult;
import dev.coinage.store.memory.InMemoryLedgerStore;
import dev.coinage.testing.FakePaymentGateway;
import dev.coinage.testing.FakePayoutGateway;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javax.money.Monetary;
import org.javamoney.moneta.Money;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every public result, request and event type goes to JSON and back unchanged with the mapper a host gets from
 * {@code findAndRegisterModules()}: the samples come from a real run of an economy, not from hand-made values.
 */
class ResultTypesJsonTest {
    private static final ObjectMapper MAPPER = new ObjectMapper().findAndRegisterModules();

    @Test
    void findAndRegisterModulesFindsTheCoinageModuleOnTheClassPath() {
        assertThat(MAPPER.getRegisteredModuleIds()).contains("CoinageModule");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void aValueGoesToJsonAndBackUnchanged(String type, Object sample) throws Exception {
        String json = MAPPER.writeValueAsString(sample);
        Object back = MAPPER.readValue(json, sample.getClass());
        assertThat(back).as(json).isEqualTo(sample);
        assertThat(MAPPER.readTree(MAPPER.writeValueAsString(back))).isEqualTo(MAPPER.readTree(json));
    }

    static Stream<Object[]> samples() throws Exception {
        List<Object> samples = new ArrayList<>();
        Instant start = Instant.parse("2026-11-25T20:00:00Z");
        Clock[] now = {Clock.fixed(start, ZoneOffset.UTC)};
        Clock clock = new Clock() {
            @Override
            public Instant instant() {
                return now[0].instant();
            }

            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }
        };
        Region us = Region.of("US");
        Members members = new Members() {
            @Override
            public Optional<MemberProfile> find(UserId user) {
                return Optional.of(MemberProfile.of(LocalDate.of(1990, 1, 1), us));
            }

            @Override
            public Optional<PayoutProfile> payoutProfile(UserId user) {
                return Optional.of(PayoutProfile.verified(Monetary.getCurrency("USD")));
            }
        };
        CoinageListener events = new CoinageListener() {
            @Override
            public void onCoinsCredited(CoinsCredited event) {
                samples.add(event);
            }

            @Override
            public void onRefundApplied(RefundApplied event) {
                samples.add(event);
            }

            @Override
            public void onGiftSent(GiftSent event) {
                samples.add(event);
            }

            @Override
            public void onDiamondsHeld(DiamondsHeld event) {
                samples.add(event);
            }

            @Override
            public void onHoldReleased(HoldReleased event) {
                samples.add(event);
            }

            @Override
            public void onCashOutRequested(CashOutEvent event) {
                samples.add(event);
            }
        };
        InMemoryLedgerStore store = InMemoryLedgerStore.withOutbox(clock);
        FakePaymentGateway psp = new FakePaymentGateway().then(PaymentResult.Status.PENDING);
        Coinage coinage = Coinage.builder()
                .definition(EconomyJson.read(Path.of("examples/economy.json")))
                .store(store)
                .members(members)
                .payments(psp)
                .payouts(new FakePayoutGateway())
                .clock(clock)
                .listener(events)
                .build();
        UserId viewer = UserId.of("viewer-1");
        UserId creator = UserId.of("creator-1");
        RechargeQuote quote = coinage.quotes()
                .quotePackage(viewer, ChannelId.WEB, PackageId.of("web-17500"), Monetary.getCurrency("USD"), us);
        samples.add(quote);
        RechargeReceipt pending = coinage.recharges().charge(quote, IdempotencyKey.of("order-1"));
        samples.add(pending);
        samples.add(coinage.recharges().confirm(pending.purchase(), psp.amountOf(pending.purchase())));
        AppStoreReceipt receipt = new AppStoreReceipt(
                viewer,
                ChannelId.APPLE_APP_STORE,
                "apple-txn-1",
                PackageId.of("apple-16500"),
                Money.of(249.99, "USD"),
                us,
                coinage.clock().instant());
        samples.add(receipt);
        samples.add(coinage.recharges().creditReceipt(receipt));
        GiftRequest lion = GiftRequest.live(IdempotencyKey.of("tap-1"), viewer, creator, GiftId.of("lion"), "live-1");
        samples.add(lion);
        samples.add(coinage.gifts().send(lion));
        GiftRequest roses = GiftRequest.live(IdempotencyKey.of("tap-2"), viewer, creator, GiftId.of("rose"), "live-1")
                .withCount(3);
        samples.add(coinage.gifts().sendAll(List.of(roses)).get(0));
        RefundRequest refund = RefundRequest.full("re-1", pending.purchase(), RefundKind.CHARGEBACK);
        samples.add(refund);
        RefundRequest partial = RefundRequest.partial(
                "re-2", Recharges.receiptPurchase(ChannelId.APPLE_APP_STORE, "apple-txn-1"), 10, RefundKind.REFUND);
        samples.add(partial);
        samples.add(coinage.recharges().refund(partial));
        coinage.recharges().lot(pending.purchase()).ifPresent(samples::add);
        samples.add(new WalletFrozen(viewer, "re-1"));

        now[0] = Clock.fixed(start.plus(Duration.ofDays(8)), ZoneOffset.UTC);
        samples.add(coinage.holds().releaseDueHolds());
        samples.add(coinage.earnings(creator));
        CashOutQuote cashOut = coinage.cashOuts().quote(creator, 10_000);
        samples.add(cashOut);
        Payout payout = coinage.cashOuts().request(cashOut, IdempotencyKey.of("cash-out-1"));
        samples.add(payout);
        samples.add(coinage.cashOuts().statement(creator, YearMonth.of(2026, 12), ZoneOffset.UTC));
        samples.addAll(store.poll(3));
        return samples.stream().map(s -> new Object[] {s.getClass().getSimpleName(), s});
    }
}
