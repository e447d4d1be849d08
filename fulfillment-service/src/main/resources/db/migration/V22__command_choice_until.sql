-- Until when the customer may choose one of a command's alternatives (the decision's deadline, when it was still
-- open on arrival); the command waits in RECEIVED until then. The sweep finds the closed windows by this index.
alter table compensation_command add column choice_until timestamptz;
create index compensation_command_choice_due on compensation_command (choice_until) where status = 'RECEIVED';
-- Commands left waiting under the former service-wide window: their time is up, the sweep executes them.
update compensation_command set choice_until = received_at where status = 'RECEIVED';
