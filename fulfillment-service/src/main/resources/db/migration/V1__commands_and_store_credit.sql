-- Every compensation command received, with where its execution stands.
create table compensation_command (
    command_id       varchar(64)  primary key,
    decision_id      varchar(64)  not null,
    incident_id      varchar(64)  not null,
    order_id         varchar(64)  not null,
    customer_id      varchar(64)  not null,
    instrument       varchar(48)  not null,
    amount_minor     bigint       not null check (amount_minor >= 0),
    currency         varchar(3)   not null,
    idempotency_key  varchar(128) not null unique,
    status           varchar(32)  not null,
    reference        varchar(128),
    detail           varchar(500),
    received_at      timestamptz  not null,
    completed_at     timestamptz
);
create index compensation_command_by_order on compensation_command (order_id);

-- Store credit granted per customer; the balance is derived, never stored. One entry per command.
create table store_credit_entry (
    entry_id         varchar(64)  primary key,
    customer_id      varchar(64)  not null,
    command_id       varchar(64)  not null unique references compensation_command (command_id),
    amount_minor     bigint       not null,
    currency         varchar(3)   not null,
    booked_at        timestamptz  not null
);
create index store_credit_by_customer on store_credit_entry (customer_id, currency);
