-- The purchase sub-ledger of recharges (pending payments, lots, wallet freezes) is balanced by one system account.
INSERT INTO coinage_account (account_id, account_type) VALUES
    ('purchases', 'PURCHASES');
INSERT INTO coinage_balance_shard (account_id, shard, balance) VALUES
    ('purchases', 0, 0);
