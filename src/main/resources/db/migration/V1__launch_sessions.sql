-- Launches in progress: one row per authorize redirect, keyed by a hash of its state, consumed once.
create table launch_state (
  state_hash   varchar(64)  primary key,
  tenant_id    varchar(40)  not null,
  browser_hash varchar(64)  not null,
  payload      varchar      not null,
  expires_at   timestamp    not null
);

-- Sessions of launched app instances, keyed by a hash of the opaque handle in the page URL.
-- payload is encrypted (tokens, launch context); nothing in plain columns identifies a patient.
create table app_session (
  session_hash varchar(64)  primary key,
  tenant_id    varchar(40)  not null,
  browser_hash varchar(64)  not null,
  payload      varchar      not null,
  created_at   timestamp    not null,
  expires_at   timestamp    not null
);

create index app_session_expiry on app_session (expires_at);
create index launch_state_expiry on launch_state (expires_at);
