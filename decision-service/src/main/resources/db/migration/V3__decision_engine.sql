-- The policy engine's decisions: every field of the decision event, what review needs, and what a person did.
--
-- "Never compensate the same incident twice" now rests on (incident_id, incident_revision): an incident gets one
-- decision per change (opened, each escalation), and an escalation's decision tops up only the difference to what
-- was granted for the incident before. The first decision of an incident keeps the id derived from the incident alone.
alter table decision drop constraint decision_incident_id_key;
alter table decision
    add column incident_revision      integer      not null default 1,
    add column market                 varchar(2),
    add column channel                varchar(32),
    add column cost_centre            varchar(64),
    add column owner                  varchar(64),
    -- What is granted (pending: proposed) now, goodwill only, in minor units of currency: what caps and top-ups sum.
    add column goodwill_minor         bigint       not null default 0 check (goodwill_minor >= 0),
    add column grants_json            text         not null default '[]',
    add column alternatives_json      text         not null default '[]',
    add column timeout_fallback_json  text         not null default '[]',
    add column facts_json             text,
    add column risk_json              text,
    add column review_reasons_json    text         not null default '[]',
    add column candidate_id           varchar(64),
    add column segment                varchar(64),
    add column clv_minor              bigint,
    add column risk_score             integer      check (risk_score between 0 and 100),
    add column experiment             varchar(64),
    add column arm                    varchar(64),
    add column budget_id              varchar(200),
    add column budget_owner           varchar(128),
    add column budget_limit_minor     bigint,
    add column budget_overrun         boolean      not null default false,
    add column statutory              boolean      not null default false,
    add column previously_granted_minor bigint,
    -- Review: who must approve, by when, and what the timer does then. review_state is PENDING while a person must act.
    add column review_state           varchar(24)  not null default 'NONE'
        check (review_state in ('NONE', 'PENDING', 'APPROVED', 'ADJUSTED', 'REJECTED', 'FALLBACK_APPLIED', 'SUPERSEDED')),
    add column required_role          varchar(64),
    add column review_due_at          timestamptz,
    add column on_timeout             varchar(16),
    add column escalate_to            varchar(64),
    add column pending_since          timestamptz;

alter table decision add constraint decision_once_per_incident_revision unique (incident_id, incident_revision);
alter table decision add constraint decision_pending_has_role_and_due
    check (review_state <> 'PENDING' or (required_role is not null and review_due_at is not null));
create index decision_by_incident on decision (incident_id);
-- The review timer's due-time index: only decisions still waiting are in it.
create index decision_review_due on decision (review_due_at) where review_state = 'PENDING';

-- What people (and the review timer) did with pending decisions, in order. Append-only: the decision row says
-- where a review stands, this table says how it got there.
create table decision_review (
    review_id       bigint       generated always as identity primary key,
    decision_id     varchar(64)  not null references decision (decision_id),
    action          varchar(24)  not null,
    actor           varchar(128) not null,
    role            varchar(64),
    note            varchar(2000),
    remedies_json   text         not null,
    escalated_to    varchar(64),
    reviewed_at     timestamptz  not null
);
create index decision_review_by_decision on decision_review (decision_id, review_id);

create function refuse_review_change() returns trigger language plpgsql as $$
begin
    raise exception 'decision_review is append-only: % refused', tg_op using errcode = 'integrity_constraint_violation';
end;
$$;
create trigger decision_review_append_only before update or delete on decision_review
    for each row execute function refuse_review_change();
