-- Signed checkpoints: the Merkle tree root over the first tree_size entries, signed with the service's key.
create table ledger_checkpoint (
    tree_size   bigint       primary key check (tree_size > 0),
    root_hash   char(64)     not null,
    created_at  timestamptz  not null,
    algorithm   varchar(32)  not null,
    key_id      varchar(128) not null,
    signature   varchar(128) not null
);

-- A checkpoint once signed and published is history: the database refuses to change it, as for entries.
create function reject_checkpoint_change() returns trigger language plpgsql as $$
begin
    raise exception 'ledger checkpoints are immutable: % on ledger_checkpoint is not allowed', tg_op;
end;
$$;
create trigger ledger_checkpoint_immutable before update or delete on ledger_checkpoint
    for each row execute function reject_checkpoint_change();
create trigger ledger_checkpoint_no_truncate before truncate on ledger_checkpoint
    for each statement execute function reject_checkpoint_change();
