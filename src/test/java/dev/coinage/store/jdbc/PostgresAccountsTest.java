package dev.coinage.store.jdbc;

import static dev.coinage.store.Requests.gift;
import static dev.coinage.store.Requests.recharge;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coinage.core.IdempotencyKey;
import dev.coinage.core.UserId;
import dev.coinage.ledger.AccountBalance;
import dev.coinage.ledger.AccountId;
import dev.coinage.ledger.AccountType;
import dev.coinage.ledger.PageRequest;
import dev.coinage.ledger.TransactionRequest;
import dev.coinage.store.LedgerInvariants;
import dev.coinage.store.Requests;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * System accounts that the schema does not list yet, listing the accounts of a type that hold a balance, and the owner
 * column that lists one member's accounts.
 */
class PostgresAccountsTest {
    private static final AccountId RESIDUE = AccountId.system(AccountType.PARTS_RESIDUE);

    private EmbeddedPostgresSupport.TestDatabase database;
    private PostgresLedgerStore store;

    @BeforeEach
    void setUp() {
        database = EmbeddedPostgresSupport.newDatabase(4);
        store = PostgresLedgerStore.create(database.dataSource());
    }

    @AfterEach
    void tearDown() {
        database.close();
    }

    @Test
    void aSystemAccountTypeAddedAfterTheSchemaExistsAndIsCreatedWhenFirstPostedTo() {
        // As if PARTS_RESIDUE had been added to AccountType after the schema was migrated.
        EmbeddedPostgresSupport.execute(
                database.dataSource(),
                "DELETE FROM coinage_balance_shard WHERE account_id = 'parts-residue'; "
                        + "DELETE FROM coinage_account WHERE account_id = 'parts-residue'");
        assertThat(store.exists(RESIDUE)).isTrue();
        assertThat(store.balance(RESIDUE)).isZero();
        assertThat(store.entries(RESIDUE, PageRequest.oldestFirst(5)).entries()).isEmpty();
        assertThat(store.snapshot().balances()).containsEntry(RESIDUE, 0L);

        store.apply(TransactionRequest.builder(IdempotencyKey.of("k1"), "residue")
                .debit(AccountId.system(AccountType.PARTS_ISSUED), 3)
                .credit(RESIDUE, 3)
                .build());

        assertThat(store.balance(RESIDUE)).isEqualTo(3);
        assertThat(store.entries(RESIDUE, PageRequest.oldestFirst(5)).entries()).hasSize(1);
        LedgerInvariants.check(store, Set.of());
    }

    @Test
    void nonZeroAccountsListsTheAccountsOfATypeWithABalanceInTextOrderAPageAtATime() {
        UserId viewer = UserId.of("viewer");
        Requests.openMember(store, viewer);
        store.apply(recharge("seed", viewer, 1000));
        List<AccountId> expected = new ArrayList<>();
        // Names whose code point order differs from a natural-language collation's.
        String[] creators = {"b", "B", "a-b", "ab", "a_c", "Z", "zz", "c"};
        for (int i = 0; i < creators.length; i++) {
            UserId creator = UserId.of(creators[i]);
            Requests.openMember(store, creator);
            if (i % 4 != 1) {
                store.apply(gift("g" + i, viewer, creator, 4));
                expected.add(AccountId.creatorHold(creator, "p1"));
            }
        }
        // A creator whose diamonds were all released has a zero balance again.
        store.apply(Requests.release("r0", UserId.of("c"), 2));
        expected.remove(AccountId.creatorHold(UserId.of("c"), "p1"));
        expected.sort(null);

        List<AccountId> listed = new ArrayList<>();
        AccountId after = null;
        List<AccountId> page;
        while (!(page = store.nonZeroAccounts(AccountType.CREATOR_HOLD, after, 2)).isEmpty()) {
            assertThat(page.size()).isLessThanOrEqualTo(2);
            listed.addAll(page);
            after = page.get(page.size() - 1);
        }
        assertThat(listed).isEqualTo(expected);
        assertThat(store.nonZeroAccounts(AccountType.USER_COINS, null, 10))
                .containsExactly(AccountId.userCoins(viewer));
        assertThatThrownBy(() -> store.nonZeroAccounts(AccountType.USER_COINS, null, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.nonZeroAccounts(null, null, 1)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void theOwnerIsWrittenOnOpenAndTheV3BackfillDerivesItFromTheAccountId() throws Exception {
        // One account of every member type, for owners with and without ':' (a reference never holds one).
        List<AccountId> accounts = new ArrayList<>();
        for (String owner : new String[] {"ana", "team:ana", "a:b:c"}) {
            for (AccountType type : AccountType.values()) {
                if (type.isMember()) {
                    accounts.add(
                            type.isReferenced()
                                    ? AccountId.member(type, UserId.of(owner), "1764063000000.abc")
                                    : AccountId.member(type, UserId.of(owner)));
                }
            }
        }
        accounts.forEach(store::open);
        Map<String, String> expected = new HashMap<>();
        for (AccountId account : accounts) {
            expected.put(account.toString(), account.owner().orElseThrow().value());
        }
        // Opening writes the owner for every member type, those V3 knew and those declared since.
        assertThat(owners()).isEqualTo(expected);
        List<String> newer = new ArrayList<>();
        for (AccountType type : AccountType.values()) {
            if (type.isMember() && type.ordinal() > AccountType.LOTS.ordinal()) {
                newer.add(type.name());
            }
        }
        assertThat(newer).contains(AccountType.PAYOUT_SUBMITTED.name(), AccountType.CASHOUT_ALLOWANCE.name());

        // As if the rows had been written before V3: only the types declared up to LOTS (V3 created LOTS; no row of a
        // later type was ever written without an owner), and no owner, until the script's backfill runs.
        EmbeddedPostgresSupport.execute(
                database.dataSource(),
                "DELETE FROM coinage_account WHERE account_type IN ('" + String.join("', '", newer) + "')");
        expected.keySet()
                .removeIf(id -> newer.contains(AccountId.parse(id).type().name()));
        EmbeddedPostgresSupport.execute(database.dataSource(), "UPDATE coinage_account SET owner_id = NULL");
        assertThat(owners()).containsOnlyKeys(expected.keySet());
        assertThat(owners().values()).containsOnlyNulls();
        List<String> backfill = PostgresSchema.statements(script("V3__coinage_lots.sql")).stream()
                .filter(sql -> sql.startsWith("UPDATE coinage_account"))
                .toList();
        assertThat(backfill).isNotEmpty();
        backfill.forEach(sql -> EmbeddedPostgresSupport.execute(database.dataSource(), sql));
        assertThat(owners()).isEqualTo(expected);

        AccountId teamLot = AccountId.member(AccountType.LOT_PAID, UserId.of("team:ana"), "1764063000000.abc");
        store.apply(TransactionRequest.builder(IdempotencyKey.of("fund"), "lot")
                .debit(AccountId.system(AccountType.LOTS), 8)
                .credit(teamLot, 8)
                .build());
        assertThat(store.memberAccounts(UserId.of("team:ana"), AccountType.LOT_PAID, null, 10))
                .containsExactly(new AccountBalance(teamLot, 8));
        assertThat(store.memberAccounts(UserId.of("ana"), AccountType.LOT_PAID, null, 10))
                .isEmpty();
    }

    @Test
    void v6SeedsTheAccountsOfRefundsAfterReleaseAndTheCreatorDebtAccountsOpenWithTheirOwner() throws SQLException {
        Map<String, String> types = new HashMap<>();
        try (Connection c = database.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement("SELECT account_id, account_type FROM coinage_account"
                        + " WHERE account_id IN ('parts-taken-back', 'parts-loss', 'creator-debts')");
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                types.put(rs.getString(1), rs.getString(2));
            }
        }
        assertThat(types)
                .containsOnly(
                        Map.entry("parts-taken-back", "PARTS_TAKEN_BACK"),
                        Map.entry("parts-loss", "PARTS_LOSS"),
                        Map.entry("creator-debts", "CREATOR_DEBTS"));
        for (AccountType t : List.of(AccountType.PARTS_TAKEN_BACK, AccountType.PARTS_LOSS, AccountType.CREATOR_DEBTS)) {
            assertThat(store.balance(AccountId.system(t))).isZero();
        }
        AccountId debt = AccountId.member(AccountType.CREATOR_DEBT, UserId.of("cleo"));
        AccountId due = AccountId.member(AccountType.CREATOR_DEBT_DUE, UserId.of("cleo"));
        store.open(debt);
        store.open(due);
        store.apply(TransactionRequest.builder(IdempotencyKey.of("debt-1"), "chargeback")
                .debitIntoDebt(debt, 7)
                .credit(AccountId.system(AccountType.PARTS_TAKEN_BACK), 7)
                .credit(due, 7)
                .debit(AccountId.system(AccountType.CREATOR_DEBTS), 7)
                .build());
        assertThat(store.balance(debt)).isEqualTo(-7);
        assertThat(owners()).containsEntry(debt.toString(), "cleo").containsEntry(due.toString(), "cleo");
        LedgerInvariants.check(store, Set.of(debt));
    }

    /** Returns the owner column of the member accounts, checking that the system accounts have none. */
    private Map<String, String> owners() throws SQLException {
        Map<String, String> out = new HashMap<>();
        Map<String, String> system = new HashMap<>();
        try (Connection c = database.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement("SELECT account_id, owner_id FROM coinage_account");
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                (rs.getString(1).indexOf(':') < 0 ? system : out).put(rs.getString(1), rs.getString(2));
            }
        }
        assertThat(system).isNotEmpty();
        assertThat(system.values()).containsOnlyNulls();
        return out;
    }

    private static String script(String name) throws IOException {
        try (InputStream in =
                PostgresAccountsTest.class.getClassLoader().getResourceAsStream(PostgresSchema.LOCATION + "/" + name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void anAccountKnownToExistIsOpenedAndCheckedWithoutARoundTrip() {
        java.util.concurrent.atomic.AtomicInteger connections = new java.util.concurrent.atomic.AtomicInteger();
        javax.sql.DataSource counting = (javax.sql.DataSource) java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {javax.sql.DataSource.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        connections.incrementAndGet();
                    }
                    try {
                        return method.invoke(database.dataSource(), args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        PostgresLedgerStore counted = PostgresLedgerStore.create(counting);
        AccountId wallet = AccountId.userCoins(UserId.of("ana"));
        AccountId other = AccountId.userCoins(UserId.of("bo"));

        counted.open(wallet);
        int afterOpen = connections.get();
        counted.open(wallet);
        assertThat(counted.exists(wallet)).isTrue();
        assertThat(connections.get()).as("no round trip for a known account").isEqualTo(afterOpen);

        // Not known: asked every time, and never remembered as missing (another node may open it).
        assertThat(counted.exists(other)).isFalse();
        assertThat(counted.exists(other)).isFalse();
        assertThat(connections.get()).isEqualTo(afterOpen + 2);
        store.open(other);
        assertThat(counted.exists(other)).isTrue();
        assertThat(counted.exists(other)).isTrue();
        assertThat(connections.get()).isEqualTo(afterOpen + 3);
    }
}
