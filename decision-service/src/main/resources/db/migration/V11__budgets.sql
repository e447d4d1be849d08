-- Monthly goodwill budgets. The policy says which budgets exist and their limits; these tables keep what decisions
-- reserved and consumed on them. Enforcement rests on one conditional UPDATE of the budget's row
-- (reserved + consumed + amount <= limit): concurrent reservations from any number of instances queue on the row
-- lock and each re-checks the condition against the committed sums, so a budget is never overspent.

create table budget (
    -- <month>/<channel>/<segment>/<incident class>, e.g. 2026-11/web/*/DELAY
    budget_id       varchar(200) primary key,
    month           date         not null check (extract(day from month) = 1),
    owner           varchar(128) not null,
    currency        varchar(3)   not null,
    -- The limit the active policy gave on the latest reservation (base plus the share of the month's revenue).
    limit_minor     bigint       not null check (limit_minor >= 0),
    reserved_minor  bigint       not null check (reserved_minor >= 0),
    consumed_minor  bigint       not null check (consumed_minor >= 0),
    created_at      timestamptz  not null,
    updated_at      timestamptz  not null
);
create index budget_by_month on budget (month);

-- One reservation per decision, refused ones included, so that reserving again answers the same. requested is what
-- the decision asks for (after any adjustment), reserved what it still holds; consumption is recorded as executed,
-- also beyond the reservation (a fallback dearer than the remedy, an operator's retry after a release).
create table budget_reservation (
    decision_id      varchar(64)  primary key,
    budget_id        varchar(200) not null references budget (budget_id),
    accepted         boolean      not null,
    requested_minor  bigint       not null check (requested_minor >= 0),
    reserved_minor   bigint       not null check (reserved_minor >= 0),
    consumed_minor   bigint       not null check (consumed_minor >= 0),
    released_minor   bigint       not null check (released_minor >= 0),
    reserved_at      timestamptz  not null,
    updated_at       timestamptz  not null
);
create index budget_reservation_by_budget on budget_reservation (budget_id);

-- The compensation commands of a decision with their share of the reservation, registered by the DecisionService
-- when it issues them. The reservation's remainder is released once every command is settled. A decision whose
-- commands were not registered is settled by its first result (one command per decision).
create table budget_command (
    decision_id     varchar(64)  not null references budget_reservation (decision_id),
    command_id      varchar(64)  not null,
    share_minor     bigint       not null check (share_minor >= 0),
    state           varchar(16)  not null check (state in ('OPEN', 'CONSUMED', 'RELEASED')),
    consumed_minor  bigint       not null check (consumed_minor >= 0),
    settled_at      timestamptz,
    primary key (decision_id, command_id)
);

-- Every reservation, refusal, release and consumption, so that a budget's burn can be explained line by line.
-- Append-only: a correction is a new entry.
create table budget_entry (
    entry_id      bigint       generated always as identity primary key,
    budget_id     varchar(200) not null references budget (budget_id),
    decision_id   varchar(64)  not null,
    command_id    varchar(64),
    kind          varchar(16)  not null check (kind in ('RESERVED', 'REFUSED', 'RELEASED', 'CONSUMED')),
    amount_minor  bigint       not null check (amount_minor >= 0),
    -- The limit in force when a reservation was asked for; null for releases and consumption.
    limit_minor   bigint,
    note          varchar(200),
    recorded_at   timestamptz  not null
);
create index budget_entry_by_budget on budget_entry (budget_id, entry_id);
create index budget_entry_by_decision on budget_entry (decision_id);

create function refuse_budget_entry_change() returns trigger language plpgsql as $$
begin
    raise exception 'budget_entry is append-only: % refused', tg_op using errcode = 'integrity_constraint_violation';
end;
$$;
create trigger budget_entry_append_only before update or delete on budget_entry
    for each row execute function refuse_budget_entry_change();
create trigger budget_entry_not_truncated before truncate on budget_entry
    for each statement execute function refuse_budget_entry_change();
