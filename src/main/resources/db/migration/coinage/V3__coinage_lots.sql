-- Coin lots (docs/recharge.md): unspent coins per purchase, coins of a purchase spent per creator and hold period, and
-- members' debts form their own ledger unit, balanced by one system account.
INSERT INTO coinage_account (account_id, account_type) VALUES
    ('lots', 'LOTS'),
    ('parts-linked', 'PARTS_LINKED');
INSERT INTO coinage_balance_shard (account_id, shard, balance) VALUES
    ('lots', 0, 0),
    ('parts-linked', 0, 0);
