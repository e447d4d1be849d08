-- decision-service's own projection of the order events and of its own goodwill claims: what CustomerValue reads
-- on every decision. Rows keep their event times, so figures as of any moment are exact (replaying a decision
-- reads what was known then). Order numbers come from the order topic only; no other service's tables are read.

-- One row per order placed, with what the guardrails need about it. The first placement of an order id wins.
create table profile_order (
    order_id              varchar(64)  primary key,
    customer_id           varchar(64)  not null,
    placed_at             timestamptz  not null,
    -- The UTC month of placed_at, for the monthly revenue the budgets scale with.
    placed_month          date         not null check (extract(day from placed_month) = 1),
    market                varchar(2)   not null,
    channel               varchar(32)  not null,
    payment_method        varchar(32)  not null,
    currency              varchar(3)   not null,
    value_minor           bigint       not null check (value_minor >= 0),
    -- The shop's fingerprints, never the address or card number themselves.
    shipping_address_id   varchar(64),
    payment_instrument_id varchar(64),
    customer_since        timestamptz,
    event_id              varchar(64)  not null
);
-- Figures of one customer: an index range scan that carries what the aggregates sum.
create index profile_order_by_customer on profile_order (customer_id, placed_at)
    include (order_id, currency, value_minor, customer_since);

-- Cancellations and returns, apart from the placements so that an event overtaking the order's placement is kept
-- and counts once the placement arrives. The earliest time of each outcome counts.
create table profile_order_outcome (
    order_id     varchar(64)  not null,
    outcome      varchar(16)  not null check (outcome in ('CANCELLED', 'RETURNED')),
    occurred_at  timestamptz  not null,
    event_id     varchar(64)  not null,
    primary key (order_id, outcome)
);

-- Which accounts ordered to an address or paid with an instrument, one row per pair: counting the accounts that
-- share a fingerprint reads these few rows, not every order ever sent to a busy address.
create table profile_address_account (
    address_id     varchar(64)  not null,
    customer_id    varchar(64)  not null,
    first_seen_at  timestamptz  not null,
    primary key (address_id, customer_id)
);
create table profile_instrument_account (
    instrument_id  varchar(64)  not null,
    customer_id    varchar(64)  not null,
    first_seen_at  timestamptz  not null,
    primary key (instrument_id, customer_id)
);

-- Order revenue per UTC month, channel and currency, cancelled orders excluded: what a budget limit scales with.
-- Kept as the events arrive so that a decision reads one row instead of summing a month of orders.
create table profile_month_revenue (
    month          date         not null check (extract(day from month) = 1),
    channel        varchar(32)  not null,
    currency       varchar(3)   not null,
    revenue_minor  bigint       not null,
    orders         integer      not null,
    primary key (month, channel, currency)
);

-- Goodwill granted per customer, written by the DecisionService in the decision's transaction. Statutory remedies
-- (warranty, withdrawal) are kept for the record but never count against the customer.
create table customer_claim (
    decision_id   varchar(64)  primary key,
    customer_id   varchar(64)  not null,
    order_id      varchar(64)  not null,
    -- The order's shipping address fingerprint; filled in when the order's placement arrives after the claim.
    address_id    varchar(64),
    amount_minor  bigint       not null check (amount_minor >= 0),
    currency      varchar(3)   not null,
    statutory     boolean      not null,
    claimed_at    timestamptz  not null
);
create index customer_claim_by_customer on customer_claim (customer_id, claimed_at)
    include (amount_minor, currency, statutory);
create index customer_claim_by_address on customer_claim (address_id, claimed_at)
    where not statutory and address_id is not null;
create index customer_claim_without_address on customer_claim (order_id) where address_id is null;
