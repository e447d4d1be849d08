-- The service connects as goodwill_audit_writer, a role that may add to the ledger and read it but never change
-- it: an UPDATE, DELETE or TRUNCATE from the service's own connection fails for want of privilege (SQLSTATE 42501)
-- before the immutability triggers are even asked. Flyway migrates as the database's owner, who keeps every right.
-- The password comes from the placeholder writer_password (quarkus.flyway.placeholders.writer_password, which
-- application.properties sets to the service's own datasource password), so no secret lives in this file.

-- Roles belong to the whole PostgreSQL cluster, not to this database: another database may have created it already.
do $$
begin
    if not exists (select 1 from pg_roles where rolname = 'goodwill_audit_writer') then
        create role goodwill_audit_writer login;
    end if;
end;
$$;
alter role goodwill_audit_writer with login nosuperuser nocreatedb nocreaterole noinherit password '${writer_password}';

-- The head of the chain is now read from ledger_entry itself (the last entry, under an advisory lock), so no row is
-- ever updated: the table that had to be updated on every append goes.
drop table ledger_head;

-- Nothing but what is granted below.
revoke all on all tables in schema public from goodwill_audit_writer;
revoke all on all sequences in schema public from goodwill_audit_writer;
revoke create on schema public from goodwill_audit_writer;
grant usage on schema public to goodwill_audit_writer;

-- The ledger and what is kept beside it: appended to and read, never changed.
grant select, insert on ledger_entry, ledger_facet, ledger_checkpoint to goodwill_audit_writer;
-- A read-only derivation of ledger_entry (the facets rules in SQL), read to check it against EntryFacets.
grant select on ledger_facet_from_payload to goodwill_audit_writer;

-- service-kit's transactional outbox: checkpoint events are inserted with the checkpoint, read by the relay and
-- deleted once Kafka has them. Its ids come from a bigserial, so the sequence's nextval is needed as well.
grant select, insert, delete on outbox_event to goodwill_audit_writer;
grant usage on sequence outbox_event_id_seq to goodwill_audit_writer;
-- service-kit's processed-event log: ids are inserted (on conflict do nothing) and never removed; nothing deletes
-- from it, so no DELETE.
grant select, insert on processed_event to goodwill_audit_writer;

-- Tolerance alerts raised (one per dimension value and window): inserted once, read to avoid raising them again.
grant select, insert on tolerance_alert to goodwill_audit_writer;

-- flyway_schema_history, and any table not named here, stays out of the writer's reach.
