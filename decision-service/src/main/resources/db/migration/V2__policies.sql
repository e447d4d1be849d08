-- Goodwill policy as data. A version is immutable once written: decisions name the version that made them,
-- so changing a version would rewrite the reason behind every decision it made. A new rule is a new version.
create table policy_version (
    version       varchar(32)  primary key,
    document      text         not null check (document::jsonb is not null),
    content_hash  varchar(64)  not null,
    created_at    timestamptz  not null,
    created_by    varchar(128) not null
);

-- Which version is active for a market is the latest activation of that market (market '*' is the default for
-- every market without its own). Activations are history, so they are append-only too; a rollback is a new row.
create table policy_activation (
    activation_id     bigint generated always as identity primary key,
    market            varchar(2)   not null check (market ~ '^([A-Z]{2}|\*)$'),
    version           varchar(32)  not null references policy_version (version),
    previous_version  varchar(32)  references policy_version (version),
    kind              varchar(16)  not null check (kind in ('ACTIVATION', 'ROLLBACK')),
    -- The activation that was in force before this one took over; a rollback restores it.
    supersedes        bigint       references policy_activation (activation_id),
    activated_at      timestamptz  not null,
    activated_by      varchar(128) not null
);
create index policy_activation_by_market on policy_activation (market, activation_id desc);

create function refuse_policy_change() returns trigger language plpgsql as $$
begin
    raise exception '% is immutable: % refused', tg_table_name, tg_op using errcode = 'integrity_constraint_violation';
end;
$$;

create trigger policy_version_immutable before update or delete on policy_version
    for each row execute function refuse_policy_change();
create trigger policy_version_not_truncated before truncate on policy_version
    for each statement execute function refuse_policy_change();
create trigger policy_activation_append_only before update or delete on policy_activation
    for each row execute function refuse_policy_change();
create trigger policy_activation_not_truncated before truncate on policy_activation
    for each statement execute function refuse_policy_change();
