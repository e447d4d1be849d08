-- One decision per incident, ever: the primary key on incident_id is what "never compensate the
-- same incident twice" rests on.
create table decision (
    decision_id     varchar(64)  primary key,
    incident_id     varchar(64)  not null unique,
    order_id        varchar(64)  not null,
    customer_id     varchar(64)  not null,
    outcome         varchar(32)  not null,
    instrument      varchar(48),
    amount_minor    bigint       check (amount_minor >= 0),
    currency        varchar(3),
    tier            varchar(32)  not null,
    policy_version  varchar(32)  not null,
    reason_code     varchar(64)  not null,
    narrative       varchar(500) not null,
    decided_at      timestamptz  not null
);
create index decision_by_order on decision (order_id);
