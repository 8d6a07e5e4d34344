package dev.coinage.examples;

import dev.coinage.Coinage;
import dev.coinage.catalog.ChannelId;
import dev.coinage.catalog.GiftId;
import dev.coinage.catalog.PackageId;
import dev.coinage.catalog.Region;
import dev.coinage.core.IdempotencyKey;
import dev.coinage.core.UserId;
import dev.coinage.gift.GiftRequest;
import dev.coinage.json.EconomyJson;
import dev.coinage.policy.MemberProfile;
import dev.coinage.spi.PaymentResult;
import java.nio.file.Path;
import java.time.*;
import java.util.Optional;
import javax.money.Monetary;

public final class QuickStart {
    public static void main(String[] args) throws Exception {
        Region us = Region.of("US");
        Coinage coinage = Coinage.builder()
                .definition(EconomyJson.read(Path.of("examples/economy.json")))
                .members(member -> Optional.of(MemberProfile.of(LocalDate.of(1990, 1, 1), us)))
                .payments(payment ->
                        PaymentResult.succeeded("psp-" + payment.key().value()))
                .build();
        UserId viewer = UserId.of("viewer-1"), creator = UserId.of("creator-1");

        var quote = coinage.quotes()
                .quotePackage(viewer, ChannelId.of("web"), PackageId.of("web-700"), Monetary.getCurrency("USD"), us);
        coinage.recharges().charge(quote, IdempotencyKey.of("order-1"));
        coinage.gifts()
                .send(GiftRequest.live(
                        IdempotencyKey.of("tap-1"), viewer, creator, GiftId.of("hand-hearts"), "live-1"));

        // A week later, past the hold window, the host's scheduler releases the creator's earnings.
        Coinage weekLater = coinage.toBuilder()
                .clock(Clock.offset(Clock.systemUTC(), Duration.ofDays(8)))
                .build();
        weekLater.holds().releaseDueHolds();
        System.out.println(viewer + ": " + coinage.coins(viewer) + ", " + creator + ": " + coinage.diamonds(creator));
    }
}
