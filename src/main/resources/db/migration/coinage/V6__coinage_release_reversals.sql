-- Refunds of coins whose diamond parts were already released (docs/recharge.md, "Parts already released"): the parts
-- taken back from creators, the parts left with them as the platform's loss, and the other side of creators' debts.
INSERT INTO coinage_account (account_id, account_type) VALUES
    ('parts-taken-back', 'PARTS_TAKEN_BACK'),
    ('parts-loss', 'PARTS_LOSS'),
    ('creator-debts', 'CREATOR_DEBTS');
INSERT INTO coinage_balance_shard (account_id, shard, balance) VALUES
    ('parts-taken-back', 0, 0),
    ('parts-loss', 0, 0),
    ('creator-debts', 0, 0);
