-- The review queue's index: one row per KAP dosing session the app knows of, recorded when the entries that make it
-- reviewable were delivered to the EHR (or, where the EHR allows cross-patient searches, picked up from its change
-- feed). It holds EHR ids, times and the review reasons only; names and clinical content stay in the EHR, which the
-- queue and the session page read. reasons is a comma-framed list of kap-review-reason codes (",safety-alert,").
-- task_reference is the EHR's review Task for the session once written (empty where the EHR takes no Task).
create table review_session (
  tenant_id      varchar(40)  not null,
  encounter_id   varchar(64)  not null,
  patient_id     varchar(64)  not null,
  therapist      varchar(100),
  started_at     timestamp    not null,
  reasons        varchar(300) not null,
  status         varchar(24)  not null,
  reviewer       varchar(100),
  reviewed_at    timestamp,
  task_reference varchar(200),
  updated_at     timestamp    not null,
  primary key (tenant_id, encounter_id)
);

create index review_session_queue on review_session (tenant_id, status, started_at);
