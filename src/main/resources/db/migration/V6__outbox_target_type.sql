-- target_type: the FHIR resource type of an entry's target (e.g. "Observation"), no PHI, so a page reads back only the
-- kinds of entry it uses without decrypting the others. Rows stored before this column existed have none: they are
-- decrypted whatever a page asks for, and kept only when their target is of a kind it asked for.
alter table outbox_entry add column target_type varchar(40);
