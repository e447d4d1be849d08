-- Searchable facts of each ledger entry, beside it: ledger_entry rows are immutable, and these facts are
-- derived from them (the hash chain covers the event, not this table, so it can always be rebuilt).
-- Filled by Ledger.append in the transaction of the append; the rules are EntryFacets' (Java) and the
-- view below (SQL), which a test keeps in agreement.
create table ledger_facet (
    sequence        bigint       primary key references ledger_entry (sequence),
    -- Copies of the entry's columns, so that a search filters and pages on one table.
    event_type      varchar(128) not null,
    event_time      timestamptz  not null,
    order_id        varchar(256),
    customer_id     varchar(128),
    incident_id     varchar(256),
    decision_id     varchar(256),
    carrier         varchar(64),
    tracking_number varchar(128),
    market          varchar(8),
    reason_code     varchar(128),
    incident_class  varchar(64)
);
-- Searches page by sequence (keyset), so each filter's index ends with it.
create index ledger_facet_by_order on ledger_facet (order_id, sequence);
create index ledger_facet_by_customer on ledger_facet (customer_id, sequence);
create index ledger_facet_by_incident on ledger_facet (incident_id, sequence);
create index ledger_facet_by_decision on ledger_facet (decision_id, sequence);
create index ledger_facet_by_type on ledger_facet (event_type, sequence);
create index ledger_facet_by_carrier on ledger_facet (carrier, sequence);
create index ledger_facet_by_market on ledger_facet (market, sequence);
create index ledger_facet_by_reason on ledger_facet (reason_code, sequence);
create index ledger_facet_by_time on ledger_facet (event_time, sequence);

-- What each entry's event says about itself (EntryFacets.of in SQL); the facts it lacks are derived below.
create view ledger_facet_from_payload as
select e.sequence,
       e.event_type,
       e.event_time,
       coalesce(p.data ->> 'orderId',
                case when e.event_type in ('com.goodwill.carrier.tracking.v1', 'com.goodwill.carrier.payload.v1')
                          and e.subject not like 'tracking:%' then e.subject end) as order_id,
       coalesce(p.data ->> 'customerId', p.data -> 'order' ->> 'customerId') as customer_id,
       p.data ->> 'incidentId' as incident_id,
       p.data ->> 'decisionId' as decision_id,
       coalesce(p.data ->> 'carrier', s.carrier, t.carrier) as carrier,
       coalesce(p.data ->> 'trackingNumber', s.tracking_number, t.tracking_number) as tracking_number,
       coalesce(p.data ->> 'market', p.data -> 'order' ->> 'market') as market,
       p.data ->> 'reasonCode' as reason_code,
       p.data ->> 'incidentClass' as incident_class
from ledger_entry e
cross join lateral (select (e.payload::jsonb) -> 'data' as data) p
-- An order shipped with one carrier (or one parcel) has that carrier (or tracking number); several, none.
left join lateral (
    select case when count(distinct x ->> 'carrier') = 1 then min(x ->> 'carrier') end as carrier,
           case when count(*) = 1 then min(x ->> 'trackingNumber') end as tracking_number
    from jsonb_array_elements(case when jsonb_typeof(p.data -> 'shipments') = 'array' then p.data -> 'shipments' end) x
) s on e.event_type = 'com.goodwill.order.shipped.v1'
-- A parcel nobody has claimed yet is the subject: tracking:<carrier>:<tracking number>.
left join lateral (
    select split_part(e.subject, ':', 2) as carrier,
           substr(e.subject, length('tracking:') + length(split_part(e.subject, ':', 2)) + 2) as tracking_number
) t on e.subject like 'tracking:%:%';

-- Backfill the entries recorded before this table existed.
insert into ledger_facet (sequence, event_type, event_time, order_id, customer_id, incident_id, decision_id, carrier,
                          tracking_number, market, reason_code, incident_class)
select sequence, event_type, event_time, order_id, customer_id, incident_id, decision_id, carrier, tracking_number,
       market, reason_code, incident_class
from ledger_facet_from_payload;

-- Customer and market of an entry whose event does not carry them (a scan, a delivery): the order's, from the latest
-- earlier entry of the same order that has them, as Ledger.append derives them.
update ledger_facet f
set customer_id = coalesce(f.customer_id, (select p.customer_id from ledger_facet p
                                           where p.order_id = f.order_id and p.sequence < f.sequence
                                             and p.customer_id is not null
                                           order by p.sequence desc limit 1)),
    market      = coalesce(f.market, (select p.market from ledger_facet p
                                      where p.order_id = f.order_id and p.sequence < f.sequence and p.market is not null
                                      order by p.sequence desc limit 1))
where f.order_id is not null and (f.customer_id is null or f.market is null);
