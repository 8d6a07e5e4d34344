-- Coin lots (docs/recharge.md): unspent coins per purchase, coins of a purchase spent per creator and hold period, and
-- members' debts form their own ledger unit, balanced by one system account.
INSERT INTO coinage_account (account_id, account_type) VALUES
    ('lots', 'LOTS'),
    ('parts-linked', 'PARTS_LINKED');
INSERT INTO coinage_balance_shard (account_id, shard, balance) VALUES
    ('lots', 0, 0),
    ('parts-linked', 0, 0);

-- Each member account's owner (UserId, at most 128 characters), so that LedgerStore.memberAccounts lists one member's
-- accounts of one type from an index instead of scanning the type. NULL for system accounts. The store writes it when
-- it opens an account; rows written before are backfilled from the account id: `<code>:<owner>` for member types
-- without references and `<code>:<reference>:<owner>` for the referenced ones (a reference never holds ':', an owner
-- may). System account ids hold no ':'.
ALTER TABLE coinage_account ADD COLUMN owner_id VARCHAR(128) COLLATE "C";
UPDATE coinage_account
SET owner_id = SUBSTRING(account_id FROM POSITION(':' IN account_id) + 1)
WHERE POSITION(':' IN account_id) > 0
    AND account_type NOT IN ('CREATOR_HOLD', 'USER_ALLOWANCE', 'PAYMENT_PENDING', 'COIN_LOT',
        'LOT_PAID', 'LOT_BONUS', 'LOT_GIFTED', 'LOT_HELD');
UPDATE coinage_account
SET owner_id = SUBSTRING(
    SUBSTRING(account_id FROM POSITION(':' IN account_id) + 1)
    FROM POSITION(':' IN SUBSTRING(account_id FROM POSITION(':' IN account_id) + 1)) + 1)
WHERE POSITION(':' IN account_id) > 0
    AND account_type IN ('CREATOR_HOLD', 'USER_ALLOWANCE', 'PAYMENT_PENDING', 'COIN_LOT',
        'LOT_PAID', 'LOT_BONUS', 'LOT_GIFTED', 'LOT_HELD');
CREATE INDEX coinage_account_by_owner ON coinage_account (owner_id, account_type, account_id);
