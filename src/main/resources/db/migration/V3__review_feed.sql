-- How far the review queue has followed each of an EHR's change feeds (FHIR _lastUpdated, as the EHR's clock says).
-- Holds no clinical content: the review Tasks in the EHR are the queue; this only says where to resume.
create table review_feed (
  tenant_id     varchar(40) not null,
  feed          varchar(40) not null,
  through_epoch_ms bigint   not null,
  primary key (tenant_id, feed)
);
