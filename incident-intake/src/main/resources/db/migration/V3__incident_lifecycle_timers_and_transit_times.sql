-- Lanes need both ends; timers need to know when the label was made and when the parcel was last scanned.
alter table shipment
    add column origin_country       varchar(2),
    add column destination_country  varchar(2),
    add column shipped_at           timestamptz,
    add column first_scan_at        timestamptz,
    add column last_scan_at         timestamptz,
    add column shipped_event_id     varchar(128);
-- The events timers cite as evidence.
alter table customer_order add column placed_event_id varchar(128);

-- An incident is one problem of one shipment (or of an order before it ships, or of a tracking number that
-- matches no order) with a life: opened, escalated while it gets worse, resolved when the parcel arrives.
alter table incident drop constraint incident_shipment_id_incident_class_key;
alter table incident
    alter column order_id    drop not null,
    alter column shipment_id drop not null,
    add column problem              varchar(32),
    add column lifecycle            varchar(16),
    add column revision             integer,
    add column carrier              varchar(32),
    add column tracking_number      varchar(64),
    add column delay_probability    double precision check (delay_probability between 0 and 1),
    add column expected_delivery_at timestamptz,
    add column reason               varchar(500),
    add column updated_at           timestamptz,
    add column resolved_at          timestamptz;
update incident i
   set problem = incident_class, lifecycle = 'OPENED', revision = 1, updated_at = detected_at,
       carrier = s.carrier, tracking_number = s.tracking_number, reason = 'Delivery promise broken'
  from shipment s where s.shipment_id = i.shipment_id;
alter table incident
    alter column problem   set not null,
    alter column lifecycle set not null,
    alter column revision  set not null,
    alter column reason    set not null,
    alter column updated_at set not null;

-- Every event that led to or changed an incident, in the order it was added.
create table incident_evidence (
    incident_id  varchar(64)  not null references incident (incident_id),
    event_id     varchar(128) not null,
    added_at     timestamptz  not null,
    seq          bigserial,
    primary key (incident_id, event_id)
);
insert into incident_evidence (incident_id, event_id, added_at) select incident_id, evidence, detected_at from incident;
alter table incident drop column evidence;
create index incident_open_by_shipment on incident (shipment_id) where lifecycle <> 'RESOLVED';

-- Timer-driven detection (delayed dispatch, first scan, stall, presumed lost, unmatched tracking number):
-- one row per pending check, found through the due-time index, never by scanning shipments.
create table detection_timer (
    timer_key        varchar(200) primary key,
    kind             varchar(32)  not null,
    order_id         varchar(64),
    shipment_id      varchar(64),
    carrier          varchar(32),
    tracking_number  varchar(64),
    due_at           timestamptz  not null,
    -- When the timer was (re)set: it waits out the allowed lateness before it fires, so that events already
    -- on their way (a backlog, a lagging partition) can still stop it.
    set_at           timestamptz  not null
);
create index detection_timer_due on detection_timer (due_at);

-- What delivered shipments taught about remaining transit time, per lane and canonical status (a t-digest).
create table transit_sketch (
    lane        varchar(200) not null,
    status      varchar(32)  not null,
    samples     bigint       not null,
    sketch      bytea        not null,
    updated_at  timestamptz  not null,
    primary key (lane, status)
);

-- A parked order event keeps the id of the record it came in, to cite it as evidence once applied.
alter table pending_order_event add column cloud_event_id varchar(128);
