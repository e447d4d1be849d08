-- Tolerance alerts raised, so that each is raised once: the id derives from dimension, value and window, and the
-- check looks here for an earlier alert of the same value whose window still overlaps.
create table tolerance_alert (
    alert_id        varchar(64)      primary key,
    dimension       varchar(16)      not null check (dimension in ('carrier', 'market')),
    dimension_value varchar(64)      not null,
    incident_rate   double precision not null,
    rate_limit      double precision not null,
    incidents       bigint           not null,
    orders          bigint           not null,
    window_start    timestamptz      not null,
    window_end      timestamptz      not null,
    raised_at       timestamptz      not null
);
create index tolerance_alert_by_value on tolerance_alert (dimension, dimension_value, window_end);
create index tolerance_alert_by_time on tolerance_alert (raised_at);

-- The KPIs look up an order's, a customer's and an incident's entries of one type.
create index ledger_facet_by_type_time on ledger_facet (event_type, event_time);
create index ledger_facet_by_incident_type on ledger_facet (incident_id, event_type);
create index ledger_facet_by_order_type on ledger_facet (order_id, event_type, event_time);
create index ledger_facet_by_customer_type on ledger_facet (customer_id, event_type, event_time);
