-- A command keeps the whole request (fallbacks, alternatives) so that a retry or a restart executes it again as
-- it was asked; where its execution stands, and what was finally executed (a fallback may differ).
alter table compensation_command
    add column command_json        text,
    add column cause_event_id      varchar(64),
    add column attempt             int          not null default 1,
    add column executed_instrument varchar(48),
    add column executed_amount_minor bigint,
    add column updated_at          timestamptz;
create index compensation_command_by_status on compensation_command (status, received_at);
create index compensation_command_by_customer on compensation_command (customer_id, received_at);

-- Every step of every command, in order; each one is also a FulfilmentRecorded event.
create table command_step (
    command_id   varchar(64)  not null references compensation_command (command_id),
    seq          int          not null,
    status       varchar(32)  not null,
    instrument   varchar(48)  not null,
    reference    varchar(128),
    detail       varchar(500),
    recorded_at  timestamptz  not null,
    primary key (command_id, seq)
);

-- The journal of calls to outside systems: written (INTENDED) before the call, resolved after it. After a crash
-- the service resumes each command at its journaled remedy with the journaled idempotency key, so the provider
-- answers the call it already executed instead of executing it again.
create table provider_call (
    command_id    varchar(64)  not null references compensation_command (command_id),
    remedy_index  int          not null,
    call_key      varchar(200) not null unique,
    instrument    varchar(48)  not null,
    amount_minor  bigint       not null,
    currency      varchar(3)   not null,
    status        varchar(16)  not null check (status in ('INTENDED', 'CONFIRMED', 'UNAVAILABLE')),
    reference     varchar(128),
    detail        varchar(500),
    intended_at   timestamptz  not null,
    resolved_at   timestamptz,
    primary key (command_id, remedy_index)
);

-- Store credit as a double-entry ledger: each transaction has entries whose debits equal their credits; a
-- customer's balance is derived from the entries of the account store-credit:<customerId>, never stored.
create table ledger_transaction (
    transaction_id varchar(64)  primary key,
    kind           varchar(16)  not null check (kind in ('GRANT', 'REDEMPTION')),
    customer_id    varchar(64)  not null,
    command_id     varchar(64)  unique references compensation_command (command_id),
    order_id       varchar(64),
    amount_minor   bigint       not null check (amount_minor > 0),
    currency       varchar(3)   not null,
    expires_at     timestamptz,
    booked_at      timestamptz  not null
);
-- One redemption per customer and order: a repeated redemption request answers the first.
create unique index ledger_redemption_once on ledger_transaction (customer_id, order_id) where kind = 'REDEMPTION';
create table ledger_entry (
    entry_id       bigserial    primary key,
    transaction_id varchar(64)  not null references ledger_transaction (transaction_id),
    account        varchar(160) not null,
    direction      varchar(6)   not null check (direction in ('DEBIT', 'CREDIT')),
    amount_minor   bigint       not null check (amount_minor > 0),
    currency       varchar(3)   not null,
    booked_at      timestamptz  not null
);
create index ledger_entry_by_account on ledger_entry (account, currency, booked_at);

-- Store credit booked before the ledger existed becomes grants with their two entries.
insert into ledger_transaction (transaction_id, kind, customer_id, command_id, order_id, amount_minor, currency, booked_at)
select e.entry_id, 'GRANT', e.customer_id, e.command_id, c.order_id, e.amount_minor, e.currency, e.booked_at
from store_credit_entry e join compensation_command c on c.command_id = e.command_id
where e.amount_minor > 0;
insert into ledger_entry (transaction_id, account, direction, amount_minor, currency, booked_at)
select t.transaction_id, 'goodwill-expense:' || t.currency, 'DEBIT', t.amount_minor, t.currency, t.booked_at
from ledger_transaction t;
insert into ledger_entry (transaction_id, account, direction, amount_minor, currency, booked_at)
select t.transaction_id, 'store-credit:' || t.customer_id, 'CREDIT', t.amount_minor, t.currency, t.booked_at
from ledger_transaction t;
drop table store_credit_entry;

-- Vouchers: unguessable codes, single use.
create table voucher (
    code           varchar(32)  primary key,
    command_id     varchar(64)  not null unique references compensation_command (command_id),
    customer_id    varchar(64)  not null,
    value_minor    bigint       not null check (value_minor > 0),
    currency       varchar(3)   not null,
    issued_at      timestamptz  not null,
    expires_at     timestamptz,
    redeemed_at    timestamptz,
    redeemed_order_id varchar(64)
);
create index voucher_by_customer on voucher (customer_id);

-- Entitlements other systems honour (express upgrade on the next order, subscription extension).
create table entitlement (
    entitlement_id varchar(64)  primary key,
    command_id     varchar(64)  not null unique references compensation_command (command_id),
    order_id       varchar(64)  not null,
    customer_id    varchar(64)  not null,
    instrument     varchar(48)  not null,
    quantity       int          not null check (quantity > 0),
    valid_until    timestamptz,
    granted_at     timestamptz  not null
);
create index entitlement_by_customer on entitlement (customer_id);
