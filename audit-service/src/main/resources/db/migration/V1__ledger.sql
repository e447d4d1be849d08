-- The ledger: every platform event, once, in append order, each entry's hash chained to the previous.
create table ledger_entry (
    sequence        bigint       primary key,
    event_id        varchar(128) not null unique,
    event_type      varchar(128) not null,
    source          varchar(256) not null,
    subject         varchar(256) not null,
    correlation_id  varchar(128),
    causation_id    varchar(128),
    event_time      timestamptz  not null,
    topic           varchar(249) not null,
    kafka_partition integer      not null,
    kafka_offset    bigint       not null,
    payload         text         not null,
    previous_hash   char(64)     not null,
    entry_hash      char(64)     not null,
    recorded_at     timestamptz  not null
);
create index ledger_entry_by_subject on ledger_entry (subject, event_time, sequence);
create index ledger_entry_by_correlation on ledger_entry (correlation_id);

-- The head of the chain: one row, locked by each append so entries chain in one deterministic order.
create table ledger_head (
    id          smallint    primary key check (id = 1),
    sequence    bigint      not null,
    entry_hash  char(64)    not null
);
insert into ledger_head (id, sequence, entry_hash) values (1, 0, repeat('0', 64));

-- Append-only, enforced by the database and not only by the code.
create function reject_ledger_change() returns trigger language plpgsql as $$
begin
    raise exception 'ledger entries are immutable: % on ledger_entry is not allowed', tg_op;
end;
$$;
create trigger ledger_entry_immutable before update or delete on ledger_entry
    for each row execute function reject_ledger_change();
create trigger ledger_entry_no_truncate before truncate on ledger_entry
    for each statement execute function reject_ledger_change();
