-- How long the customer may choose one of a decision's alternatives (from the policy's candidate); the commands
-- carry the deadline that follows from it. Null: no choice is offered.
alter table decision add column choice_hours int;
