-- The delivery loop reads the due heads in (next_attempt_at, seq) order and stops at the claim's limit. With seq in
-- the index, the database reads them in index order instead of reading and sorting every pending entry per claim.
drop index outbox_entry_due;
create index outbox_entry_due on outbox_entry (state, next_attempt_at, seq);
