-- The reliability tables every service owns in its own database.

-- Transactional outbox: an event row is written in the same transaction as the business change;
-- the relay publishes it to Kafka after commit and then deletes it.
create table outbox_event (
    id           bigserial primary key,
    event_id     varchar(128) not null unique,
    topic        varchar(249) not null,
    message_key  varchar(256) not null,
    payload      text         not null,
    created_at   timestamptz  not null
);

-- Processed-event log: each consumed event id is recorded in the same transaction as the state
-- change it caused, so a redelivered event changes nothing.
create table processed_event (
    consumer     varchar(64)  not null,
    event_id     varchar(128) not null,
    processed_at timestamptz  not null,
    primary key (consumer, event_id)
);
