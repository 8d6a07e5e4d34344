-- Leased outbox claims (TransactionOutbox.claim): a relay sets claimed_by and lease_until on the rows it claims, in the
-- same statement that locks them (FOR UPDATE SKIP LOCKED), so that concurrent relays never claim one row while its
-- lease lasts. A row whose lease has ended is claimable again: the relay that held it is presumed dead. Rows written
-- before this version are unclaimed (both columns NULL).
ALTER TABLE coinage_outbox ADD COLUMN claimed_by VARCHAR(200);
ALTER TABLE coinage_outbox ADD COLUMN lease_until TIMESTAMPTZ;
