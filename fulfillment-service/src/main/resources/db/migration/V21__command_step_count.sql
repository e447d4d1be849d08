-- How many steps a command has recorded: the next step's number without counting its steps (a query that would also
-- flush every pending insert of a batch of commands recorded together).
alter table compensation_command add column step_count int not null default 0;
update compensation_command c set step_count = (select count(*) from command_step s where s.command_id = c.command_id);
