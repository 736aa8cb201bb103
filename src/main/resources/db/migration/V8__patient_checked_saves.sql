-- patient_hash: a hash of the entry's tenant, EHR and patient (no PHI in clear), so a save checked against what any
-- user has recorded for the patient (a dose against the doses of the session) reads every user's undelivered entries
-- of one target type. Rows stored before this column existed have none and are not part of such a check.
alter table outbox_entry add column patient_hash varchar(64);
create index outbox_entry_patient on outbox_entry (patient_hash, target_type, state);

-- One row per patient hash, locked (select ... for update) while a save is checked and stored, so two nodes sharing
-- the database never check and save the same patient's entries at once. Holds nothing but the hash.
create table patient_save_lock (
  patient_hash varchar(64) primary key
);
