package dev.coinage.reliability;

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
import dev.coinage.spi.UserLimits;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A store decorator that fails one chosen write: the n-th {@code open}, {@code apply} or {@code applyAll} after it is
 * armed, either before delegating (nothing written: a failure before or during an atomic commit) or after delegating
 * (written, but the caller never hears: a reply lost after the commit). Reads pass through.
 */
final class FaultyStore implements LedgerStore {
    enum Mode {
        /** The write fails and writes nothing. */
        BEFORE,
        /** The write commits, then the reply is lost. */
        AFTER
    }

    /** What the decorator throws. */
    static final class InjectedFault extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InjectedFault(String message) {
            super(message);
        }
    }

    private final LedgerStore inner;
    private final AtomicInteger writes = new AtomicInteger();
    private volatile int failAt = -1;
    private volatile Mode mode = Mode.BEFORE;
    private volatile boolean fired;
    private volatile String failKind;

    FaultyStore(LedgerStore inner) {
        this.inner = inner;
    }

    /** Fails the n-th write from now (1 is the next one). */
    void arm(int n, Mode m) {
        writes.set(0);
        fired = false;
        mode = m;
        failAt = n;
    }

    /** Fails, before it is written, the next transaction of this kind. */
    void failNext(String kind) {
        failKind = kind;
    }

    void disarm() {
        failAt = -1;
    }

    boolean fired() {
        return fired;
    }

    private <T> T write(String what, java.util.function.Supplier<T> call) {
        int n = writes.incrementAndGet();
        if (n != failAt) {
            return call.get();
        }
        failAt = -1;
        fired = true;
        if (mode == Mode.BEFORE) {
            throw new InjectedFault("injected failure before " + what);
        }
        call.get();
        throw new InjectedFault("injected lost reply after " + what);
    }

    @Override
    public void open(AccountId account) {
        write("open " + account, () -> {
            inner.open(account);
            return null;
        });
    }

    @Override
    public boolean exists(AccountId account) {
        return inner.exists(account);
    }

    @Override
    public AppliedTransaction apply(TransactionRequest request) {
        if (request.kind().equals(failKind)) {
            failKind = null;
            fired = true;
            throw new InjectedFault("injected failure before " + request.key());
        }
        return write("apply " + request.key(), () -> inner.apply(request));
    }

    @Override
    public List<AppliedTransaction> applyAll(List<TransactionRequest> requests) {
        return write("applyAll of " + requests.size(), () -> inner.applyAll(requests));
    }

    @Override
    public Optional<AppliedTransaction> find(IdempotencyKey key) {
        return inner.find(key);
    }

    @Override
    public long balance(AccountId account) {
        return inner.balance(account);
    }

    @Override
    public Page entries(AccountId account, PageRequest request) {
        return inner.entries(account, request);
    }

    @Override
    public List<AccountId> nonZeroAccounts(AccountType type, AccountId after, int limit) {
        return inner.nonZeroAccounts(type, after, limit);
    }

    @Override
    public List<AccountBalance> memberAccounts(UserId owner, AccountType type, AccountId after, int limit) {
        return inner.memberAccounts(owner, type, after, limit);
    }

    @Override
    public List<AppliedTransaction> transactions(String kind, long afterId, int limit) {
        return inner.transactions(kind, afterId, limit);
    }

    @Override
    public LedgerSnapshot snapshot() {
        return inner.snapshot();
    }

    @Override
    public UserLimits userLimits() {
        return inner.userLimits();
    }
}
