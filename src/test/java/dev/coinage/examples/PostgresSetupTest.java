package dev.coinage.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.coinage.Coinage;
import dev.coinage.catalog.ChannelId;
import dev.coinage.catalog.GiftId;
import dev.coinage.catalog.PackageId;
import dev.coinage.catalog.Region;
import dev.coinage.core.IdempotencyKey;
import dev.coinage.core.UserId;
import dev.coinage.gift.GiftRequest;
import dev.coinage.json.EconomyJson;
import dev.coinage.ledger.InsufficientCoinsException;
import dev.coinage.ledger.LedgerUnit;
import dev.coinage.policy.MemberProfile;
import dev.coinage.pricing.EconomyDefinition;
import dev.coinage.spi.Members;
import dev.coinage.store.jdbc.EmbeddedPostgresSupport;
import dev.coinage.testing.FakePaymentGateway;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.money.Monetary;
import org.junit.jupiter.api.Test;

class PostgresSetupTest {
    private static final AtomicInteger DATABASES = new AtomicInteger();

    @Test
    void twoInstancesMigrateOneEmptyDatabaseAndShareOneLedger() throws Exception {
        EmbeddedPostgres server = EmbeddedPostgresSupport.server();
        String name = "coinage_setup_" + DATABASES.incrementAndGet();
        try (Connection c = server.getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        String url = server.getJdbcUrl("postgres", name);
        EconomyDefinition economy = EconomyJson.read(Path.of("examples/economy.json"));
        Region us = Region.of("US");
        Members members = member -> Optional.of(MemberProfile.of(LocalDate.of(1990, 1, 1), us));
        FakePaymentGateway psp = new FakePaymentGateway();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try (HikariDataSource poolA = PostgresSetup.pool(url, null, null, 4);
                HikariDataSource poolB = PostgresSetup.pool(url, null, null, 4)) {
            // Both instances start at once: each migration script is applied once.
            Future<Coinage> startA = threads.submit(() -> PostgresSetup.start(poolA, economy, members, psp));
            Future<Coinage> startB = threads.submit(() -> PostgresSetup.start(poolB, economy, members, psp));
            Coinage a = startA.get(60, TimeUnit.SECONDS);
            Coinage b = startB.get(60, TimeUnit.SECONDS);

            UserId viewer = UserId.of("viewer-1");
            a.recharges()
                    .charge(
                            a.quotes()
                                    .quotePackage(
                                            viewer,
                                            ChannelId.WEB,
                                            PackageId.of("web-70"),
                                            Monetary.getCurrency("USD"),
                                            us),
                            IdempotencyKey.of("order-1"));
            assertThat(b.coins(viewer).amount())
                    .as("instance B reads A's purchase")
                    .isEqualTo(70);

            // Both instances spend the same 70 coins on 10-coin gifts at once: exactly 7 succeed.
            List<Future<Boolean>> taps = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                Coinage instance = i % 2 == 0 ? a : b;
                GiftRequest tap = GiftRequest.live(
                                IdempotencyKey.of("tap-" + i),
                                viewer,
                                UserId.of("creator-1"),
                                GiftId.of("rose"),
                                "live-1")
                        .withCount(10);
                taps.add(threads.submit(() -> {
                    try {
                        instance.gifts().send(tap);
                        return true;
                    } catch (InsufficientCoinsException refused) {
                        return false;
                    }
                }));
            }
            int sent = 0;
            for (Future<Boolean> tap : taps) {
                sent += tap.get(60, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(sent).isEqualTo(7);
            assertThat(a.coins(viewer).amount()).isZero();
            for (LedgerUnit unit : LedgerUnit.values()) {
                assertThat(b.store().snapshot().total(unit)).as(unit.plural()).isZero();
            }
        } finally {
            threads.shutdownNow();
        }
    }
}
