-- How the customer wants to be addressed in messages, from the order's placement (optional; personal data like the
-- e-mail address, kept only here).
alter table customer_contact add column customer_name varchar(200);
