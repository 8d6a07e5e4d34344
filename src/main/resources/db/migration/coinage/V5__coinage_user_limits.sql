-- Members' own spending caps (LedgerStore.userLimits): one row per member and limit period (LimitPeriod name), replaced
-- when the member sets a new cap. Kept with the ledger so that every application instance enforces the same caps.
CREATE TABLE coinage_user_limit (
    user_id    VARCHAR(128) COLLATE "C" NOT NULL,
    period     VARCHAR(20)  NOT NULL,
    coins      BIGINT       NOT NULL CHECK (coins >= 0),
    updated_at TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (user_id, period)
);
