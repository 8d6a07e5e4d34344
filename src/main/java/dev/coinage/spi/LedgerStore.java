package dev.coinage.spi;

import dev.coinage.core.IdempotencyKey;
import dev.coinage.core.UserId;
import dev.coinage.ledger.AccountBalance;
import dev.coinage.ledger.AccountId;
import dev.coinage.ledger.AccountType;
import dev.coinage.ledger.AppliedTransaction;
import dev.coinage.ledger.BalanceOverflowException;
import dev.coinage.ledger.IdempotencyConflictException;
import dev.coinage.ledger.InsufficientBalanceException;
import dev.coinage.ledger.LedgerSnapshot;
import dev.coinage.ledger.Page;
import dev.coinage.ledger.PageRequest;
import dev.coinage.ledger.TransactionRequest;
import dev.coinage.ledger.UnknownAccountException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Where the ledger lives: accounts, their balances and entries, and the applied transactions by idempotency key.
 *
 * <h2>Implementation specification</h2>
 *
 * <ul>
 *   <li>{@link #apply} is atomic: all postings of a request are written or none is. A failed request leaves no trace,
 *       not even its idempotency key, so it can be retried.
 *   <li>Idempotency: a request whose key was applied before returns that first result (marked
 *       {@link AppliedTransaction#replay()}) if the fingerprints are equal, and fails with
 *       {@link IdempotencyConflictException} otherwise. This holds under concurrent requests with one key.
 *   <li>A debit may leave a member account negative only if it is a {@code debitIntoDebt} posting.
 *   <li>Implementations are thread-safe; requests on disjoint accounts must not wait for each other.
 *   <li>All system accounts exist from the start; member accounts exist once opened.
 *   <li>{@link #userLimits} keeps members' own caps where the ledger is kept: every instance of a store over one
 *       database sees the caps set through any of them.
 *   <li>Every store passes the contract test suite {@code LedgerStoreContract} in Coinage's tests.
 * </ul>
 */
public interface LedgerStore {
    /**
     * Opens an account if it does not exist yet. Opening an existing account does nothing.
     *
     * @param account the account, not null
     */
    void open(AccountId account);

    /**
     * Tells whether an account exists.
     *
     * @param account the account, not null
     * @return true if it is a system account or has been opened
     */
    boolean exists(AccountId account);

    /**
     * Applies a transaction atomically and at most once for its key.
     *
     * @param request the request, not null
     * @return the applied transaction, or the first result if the key was applied before, never null
     * @throws UnknownAccountException if a posting names an account that was not opened
     * @throws InsufficientBalanceException if a debit would leave a member account negative
     * @throws BalanceOverflowException if a balance would leave the range of a {@code long}
     * @throws IdempotencyConflictException if the key was used before for a different request
     */
    default AppliedTransaction apply(TransactionRequest request) {
        return applyAll(List.of(request)).get(0);
    }

    /**
     * Applies several transactions in order as one atomic unit: all of them or none. Requests whose keys were applied
     * before are replayed as by {@link #apply}; the others are applied in order, each seeing the balances the earlier
     * ones left.
     *
     * @param requests the requests, not null, not empty, with distinct keys
     * @return the results in request order, never null
     * @throws IllegalArgumentException if the list is empty or two requests share a key
     * @throws UnknownAccountException if a posting names an account that was not opened
     * @throws InsufficientBalanceException if a debit would leave a member account negative
     * @throws BalanceOverflowException if a balance would leave the range of a {@code long}
     * @throws IdempotencyConflictException if a key was used before for a different request
     */
    List<AppliedTransaction> applyAll(List<TransactionRequest> requests);

    /**
     * Checks a batch as {@link #applyAll} requires, for implementations: not empty, no null request, no key twice.
     *
     * @param requests the batch, not null
     * @return the requests as an array, in order, never null
     * @throws IllegalArgumentException if the batch is empty or repeats a key (the message names the index)
     */
    static TransactionRequest[] checkBatch(List<TransactionRequest> requests) {
        Objects.requireNonNull(requests, "requests");
        if (requests.isEmpty()) {
            throw new IllegalArgumentException("requests must not be empty");
        }
        TransactionRequest[] reqs = requests.toArray(new TransactionRequest[0]);
        Set<IdempotencyKey> keys = new HashSet<>();
        for (int i = 0; i < reqs.length; i++) {
            Objects.requireNonNull(reqs[i], "requests[" + i + "]");
            if (!keys.add(reqs[i].key())) {
                throw new IllegalArgumentException("requests[" + i + "] repeats key " + reqs[i].key());
            }
        }
        return reqs;
    }

    /**
     * Checks the arguments of {@link #memberAccounts} as it requires, for implementations.
     *
     * @param owner the member, not null
     * @param type a member account type, not null
     * @param limit 1 to {@link PageRequest#MAX_SIZE}
     * @throws NullPointerException if {@code owner} or {@code type} is null
     * @throws IllegalArgumentException if {@code type} is a system type or {@code limit} is out of range
     */
    static void checkMemberAccounts(UserId owner, AccountType type, int limit) {
        Objects.requireNonNull(owner, "owner");
        if (!Objects.requireNonNull(type, "type").isMember()) {
            throw new IllegalArgumentException(type + " is a system account type");
        }
        if (limit < 1 || limit > PageRequest.MAX_SIZE) {
            throw new IllegalArgumentException("limit must be between 1 and " + PageRequest.MAX_SIZE + ": " + limit);
        }
    }

    /**
     * Finds the transaction applied under a key.
     *
     * @param key the key, not null
     * @return the transaction, empty if none was applied under the key
     */
    Optional<AppliedTransaction> find(IdempotencyKey key);

    /**
     * Returns an account's balance: the sum of its entries.
     *
     * @param account the account, not null
     * @return the balance
     * @throws UnknownAccountException if the account does not exist
     */
    long balance(AccountId account);

    /**
     * Reads one page of an account's entries.
     *
     * @param account the account, not null
     * @param request which page, not null
     * @return the page, never null
     * @throws UnknownAccountException if the account does not exist
     */
    Page entries(AccountId account, PageRequest request);

    /**
     * Lists the accounts of one type whose balance is not zero, ordered by their text form, a page at a time: how
     * jobs such as releasing due holds find their work.
     *
     * @param type the account type, not null
     * @param after the last account of the previous page, or null for the first page
     * @param limit the most accounts to return, 1 to {@link PageRequest#MAX_SIZE}
     * @return the accounts after {@code after}, at most {@code limit}, never null
     * @throws IllegalArgumentException if {@code limit} is out of range
     */
    List<AccountId> nonZeroAccounts(AccountType type, AccountId after, int limit);

    /**
     * Lists one member's accounts of one type whose balance is not zero, with their balances, ordered by their text
     * form, a page at a time: how a gift finds the sender's unspent coin lots, oldest first. A store answers it from an
     * index on the owner, without scanning other members' accounts.
     *
     * @param owner the member, not null
     * @param type a member account type, not null
     * @param after the last account of the previous page, or null for the first page
     * @param limit the most accounts to return, 1 to {@link PageRequest#MAX_SIZE}
     * @return the accounts after {@code after} with their balances, at most {@code limit}, never null
     * @throws IllegalArgumentException if {@code type} is a system type or {@code limit} is out of range
     * @throws NullPointerException if {@code owner} or {@code type} is null
     */
    List<AccountBalance> memberAccounts(UserId owner, AccountType type, AccountId after, int limit);

    /**
     * Lists one member's accounts of several types whose balance is not zero, with their balances, in one read: how a
     * gift finds the sender's unspent coin lots and whether their wallet is frozen at once (one round trip on a
     * database). For each type in the order given, the first page {@link #memberAccounts(UserId, AccountType,
     * AccountId, int)} lists for it: at most {@code limit} accounts, ordered by their text form. A type with
     * {@code limit} accounts listed may have more, read on with that method. The default asks it once per type.
     *
     * @param owner the member, not null
     * @param types member account types, not null, none null
     * @param limit the most accounts to return of each type, 1 to {@link PageRequest#MAX_SIZE}
     * @return the accounts with their balances, grouped by type in the order of {@code types}, never null
     * @throws IllegalArgumentException if a type is a system type or {@code limit} is out of range
     * @throws NullPointerException if {@code owner}, {@code types} or a type is null
     */
    default List<AccountBalance> memberAccounts(UserId owner, List<AccountType> types, int limit) {
        for (AccountType type : types) {
            checkMemberAccounts(owner, type, limit);
        }
        // Usually one type has accounts (a member's lots): its page is returned as it is.
        List<AccountBalance> found = List.of();
        List<AccountBalance> all = null;
        for (AccountType type : types) {
            List<AccountBalance> page = memberAccounts(owner, type, null, limit);
            if (page.isEmpty()) {
                continue;
            }
            if (all == null && found.isEmpty()) {
                found = page;
            } else {
                if (all == null) {
                    all = new ArrayList<>(found);
                }
                all.addAll(page);
            }
        }
        return all == null ? found : all;
    }

    /**
     * Reads what a member's spending needs of them in one read: their accounts of some types, as
     * {@link #memberAccounts(UserId, List, int)} lists them, and the caps they set for themselves in
     * {@link #userLimits()}, as {@link UserLimits#findAll} returns them. A gift reads its sender's lots, wallet freeze
     * and own caps this way: one round trip on a database. The default makes the two reads one after the other.
     *
     * @param owner the member, not null
     * @param types member account types, not null, none null
     * @param limit the most accounts to return of each type, 1 to {@link PageRequest#MAX_SIZE}
     * @return the accounts and the member's own caps, never null
     * @throws IllegalArgumentException if a type is a system type or {@code limit} is out of range
     * @throws NullPointerException if {@code owner}, {@code types} or a type is null
     */
    default MemberState memberState(UserId owner, List<AccountType> types, int limit) {
        List<AccountBalance> accounts = memberAccounts(owner, types, limit);
        return new MemberState(accounts, userLimits().findAll(owner));
    }

    /**
     * Lists the applied transactions of one kind in the order of their ids, a page at a time: how reports read the
     * journal (every credit, every refund). A transaction being applied while the pages are read may appear in a
     * later read only; reports read them to reconcile, never on the request path.
     *
     * @param kind the transactions' kind, not null
     * @param afterId the id of the last transaction of the previous page, 0 for the first page
     * @param limit the most transactions to return, 1 to {@link PageRequest#MAX_SIZE}
     * @return the transactions of the kind whose id is above {@code afterId}, by id, with their entries, at most
     *     {@code limit}, never null
     * @throws IllegalArgumentException if {@code limit} is out of range or {@code afterId} is negative
     */
    List<AppliedTransaction> transactions(String kind, long afterId, int limit);

    /**
     * Reads the balances of all accounts at one consistent point, for reports and invariant checks. This may be slow
     * on a large ledger; it is not for the request path.
     *
     * @return the snapshot, never null
     */
    LedgerSnapshot snapshot();

    /**
     * Returns where this store keeps the spending caps that members set for themselves, in the same place as the
     * ledger: a store over a database keeps them in a table, so every application instance sharing the database
     * enforces the same caps. Coinage's services use it unless the host configures other {@link UserLimits}.
     *
     * @return the caps, never null; the same caps on every call
     */
    UserLimits userLimits();
}
