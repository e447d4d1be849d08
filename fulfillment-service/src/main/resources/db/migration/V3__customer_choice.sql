-- The customer's choice among a command's alternatives: once per command.
create table customer_choice (
    command_id     varchar(64)  primary key references compensation_command (command_id),
    instrument     varchar(48)  not null,
    amount_minor   bigint       not null,
    currency       varchar(3)   not null,
    valid_for_days int,
    chosen_at      timestamptz  not null
);
