-- Orders as the intake knows them: the promise and the context downstream needs.
create table customer_order (
    order_id              varchar(64)  primary key,
    customer_id           varchar(64)  not null,
    market                varchar(2)   not null,
    channel               varchar(32)  not null,
    payment_method        varchar(32)  not null,
    value_minor           bigint       not null check (value_minor >= 0),
    currency              varchar(3)   not null,
    promised_delivery_by  timestamptz  not null,
    placed_at             timestamptz  not null,
    status                varchar(16)  not null,
    updated_at            timestamptz  not null
);

-- One parcel handed to a carrier; its status only ever moves forward.
create table shipment (
    shipment_id           varchar(64)  primary key,
    order_id              varchar(64)  not null references customer_order (order_id),
    carrier               varchar(32)  not null,
    tracking_number       varchar(64)  not null,
    service_level         varchar(32),
    status                varchar(32)  not null,
    last_event_at         timestamptz,
    expected_delivery_at  timestamptz,
    delivered_at          timestamptz,
    updated_at            timestamptz  not null,
    unique (carrier, tracking_number)
);

-- Every carrier event ever accepted, also those whose shipment is not known yet (shipment_id null).
create table tracking_event (
    event_key        varchar(200) primary key,
    carrier          varchar(32)  not null,
    tracking_number  varchar(64)  not null,
    shipment_id      varchar(64)  references shipment (shipment_id),
    status           varchar(32)  not null,
    occurred_at      timestamptz  not null,
    location         varchar(200),
    revised_eta      timestamptz,
    raw_code         varchar(64),
    raw_text         varchar(500),
    cloud_event_id   varchar(128) not null,
    received_at      timestamptz  not null
);
-- The same scan re-sent under another id is still a duplicate.
create unique index tracking_event_natural_key
    on tracking_event (carrier, tracking_number, status, occurred_at, coalesce(location, ''));
create index tracking_event_unmatched on tracking_event (carrier, tracking_number) where shipment_id is null;

-- One canonical incident per problem class per shipment.
create table incident (
    incident_id      varchar(64)  primary key,
    order_id         varchar(64)  not null references customer_order (order_id),
    shipment_id      varchar(64)  not null references shipment (shipment_id),
    incident_class   varchar(32)  not null,
    severity         varchar(16)  not null,
    source           varchar(16)  not null,
    delay_hours      bigint,
    evidence         varchar(200) not null,
    detected_at      timestamptz  not null,
    unique (shipment_id, incident_class)
);
create index incident_by_order on incident (order_id);
