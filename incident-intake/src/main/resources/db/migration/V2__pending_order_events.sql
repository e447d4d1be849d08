-- Order events that arrived before the order's "placed" event: kept, not dropped, and applied in
-- their own time order as soon as the order is placed.
create table pending_order_event (
    event_id     varchar(64)  primary key,
    order_id     varchar(64)  not null,
    occurred_at  timestamptz  not null,
    payload      text         not null,
    received_at  timestamptz  not null
);
create index pending_order_event_by_order on pending_order_event (order_id, occurred_at);
