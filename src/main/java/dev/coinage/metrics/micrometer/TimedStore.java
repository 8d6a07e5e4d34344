package dev.coinage.metrics.micrometer;

import dev.coinage.core.IdempotencyKey;
import dev.coinage.core.UserId;
import dev.coinage.ledger.AccountBalance;
import dev.coinage.ledger.AccountId;
import dev.coinage.ledger.AccountType;
import dev.coinage.ledger.AppliedTransaction;
import dev.coinage.ledger.LedgerSnapshot;
import dev.coinage.ledger.Page;
import dev.coinage.ledger.PageRequest;
import dev.coinage.ledger.TransactionRequest;
import dev.coinage.spi.LedgerStore;
import dev.coinage.spi.MemberState;
import dev.coinage.spi.OutboxMessage;
import dev.coinage.spi.TransactionOutbox;
import dev.coinage.spi.UserLimits;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A ledger store that times every call into {@code coinage.store} by operation and outcome, then returns what the
 * store returned or throws what it threw. A business refusal (insufficient coins, an idempotency conflict) counts as a
 * failure of the call: the latency is still the store's.
 */
class TimedStore implements LedgerStore {
    private final LedgerStore store;
    private final MeterRegistry registry;
    private final Tags tags;

    TimedStore(LedgerStore store, MeterRegistry registry, Tags tags) {
        this.store = store;
        this.registry = registry;
        this.tags = tags;
    }

    final <T> T timed(String operation, Supplier<T> call) {
        Timer.Sample sample = Timer.start(registry);
        String outcome = "failure";
        try {
            T result = call.get();
            outcome = "success";
            return result;
        } finally {
            sample.stop(Timer.builder("coinage.store")
                    .description("calls to the ledger store")
                    .tags(tags.and("operation", operation, "outcome", outcome))
                    .register(registry));
        }
    }

    @Override
    public void open(AccountId account) {
        timed("open", () -> {
            store.open(account);
            return null;
        });
    }

    @Override
    public boolean exists(AccountId account) {
        return timed("exists", () -> store.exists(account));
    }

    @Override
    public AppliedTransaction apply(TransactionRequest request) {
        return timed("apply", () -> store.apply(request));
    }

    @Override
    public List<AppliedTransaction> applyAll(List<TransactionRequest> requests) {
        return timed("applyAll", () -> store.applyAll(requests));
    }

    @Override
    public Optional<AppliedTransaction> find(IdempotencyKey key) {
        return timed("find", () -> store.find(key));
    }

    @Override
    public long balance(AccountId account) {
        return timed("balance", () -> store.balance(account));
    }

    @Override
    public Page entries(AccountId account, PageRequest request) {
        return timed("entries", () -> store.entries(account, request));
    }

    @Override
    public List<AccountId> nonZeroAccounts(AccountType type, AccountId after, int limit) {
        return timed("nonZeroAccounts", () -> store.nonZeroAccounts(type, after, limit));
    }

    @Override
    public List<AccountBalance> memberAccounts(UserId owner, AccountType type, AccountId after, int limit) {
        return timed("memberAccounts", () -> store.memberAccounts(owner, type, after, limit));
    }

    @Override
    public List<AccountBalance> memberAccounts(UserId owner, List<AccountType> types, int limit) {
        return timed("memberAccounts", () -> store.memberAccounts(owner, types, limit));
    }

    @Override
    public MemberState memberState(UserId owner, List<AccountType> types, int limit) {
        return timed("memberState", () -> store.memberState(owner, types, limit));
    }

    @Override
    public List<AppliedTransaction> transactions(String kind, long afterId, int limit) {
        return timed("transactions", () -> store.transactions(kind, afterId, limit));
    }

    @Override
    public LedgerSnapshot snapshot() {
        return timed("snapshot", store::snapshot);
    }

    @Override
    public UserLimits userLimits() {
        return store.userLimits();
    }

    @Override
    public String toString() {
        return "Timed[" + store + "]";
    }

    /** The same for a store that also keeps an outbox, which stays reachable through the timed store. */
    static final class WithOutbox extends TimedStore implements TransactionOutbox {
        private final TransactionOutbox outbox;

        WithOutbox(LedgerStore store, TransactionOutbox outbox, MeterRegistry registry, Tags tags) {
            super(store, registry, tags);
            this.outbox = outbox;
        }

        @Override
        public List<OutboxMessage> claim(String relayId, int max, Duration lease) {
            return timed("claim", () -> outbox.claim(relayId, max, lease));
        }

        @Override
        public List<OutboxMessage> poll(int max) {
            return timed("poll", () -> outbox.poll(max));
        }

        @Override
        public void acknowledge(Collection<OutboxMessage> messages) {
            timed("acknowledge", () -> {
                outbox.acknowledge(messages);
                return null;
            });
        }
    }
}
