-- Whom to tell, per order: learnt from the order events. The e-mail address is personal data; it never leaves
-- this service (no event carries it).
create table customer_contact (
    order_id              varchar(64)  primary key,
    customer_id           varchar(64)  not null,
    email                 varchar(254),
    language              varchar(2)   not null,
    market                varchar(2),
    payment_method        varchar(32),
    promised_delivery_by  timestamptz,
    placed_at             timestamptz  not null,
    recorded_at           timestamptz  not null
);
create index customer_contact_by_customer on customer_contact (customer_id);

-- The command as first seen, so that a later step (refund booked, parcel shipped) can still be worded with the
-- case's facts, alternatives and template.
create table message_case (
    command_id  varchar(64) primary key,
    command     text        not null,
    recorded_at timestamptz not null
);

-- The mail outbox: one row per message to a customer, written in the transaction of the step it tells about and
-- sent after commit. The id derives from the command and what the message says, so a step recorded twice writes
-- one row; it is also the mail's Message-ID. The address is not copied here: it is read from the contact book
-- when the mail goes out. A message without a contact waits as NO_CONTACT until the order's contact arrives.
create table customer_message (
    message_id       varchar(64)  primary key,
    command_id       varchar(64)  not null,
    decision_id      varchar(64),
    incident_id      varchar(64),
    order_id         varchar(64)  not null,
    customer_id      varchar(64)  not null,
    kind             varchar(32)  not null,
    status           varchar(16)  not null check (status in ('PENDING', 'SENT', 'NO_CONTACT', 'FAILED')),
    facts            text         not null,
    cause_event_id   varchar(128),
    template         varchar(160),
    language         varchar(2),
    attempts         int          not null default 0,
    next_attempt_at  timestamptz  not null,
    last_error       varchar(500),
    created_at       timestamptz  not null,
    sent_at          timestamptz
);
create index customer_message_by_order on customer_message (order_id, created_at);
create index customer_message_by_command on customer_message (command_id);
create index customer_message_due on customer_message (next_attempt_at) where status = 'PENDING';
