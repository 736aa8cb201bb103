-- label: what an entry is in words without clinical content (e.g. "Heart rate", "Integration plan"), so a reloaded page
-- can list a waiting or failed entry without decrypting it. Rows stored before this column existed have none.
-- unreadable: the stored entry could not be decrypted, parsed or mapped back when the sender read it; it was set
-- aside as failed (quarantined) so it never stops the other entries. Retrying it clears the mark; it is set again if
-- the entry still cannot be read.
alter table outbox_entry add column label varchar(80);
alter table outbox_entry add column unreadable boolean default false not null;
