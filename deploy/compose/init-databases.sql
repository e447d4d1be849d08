-- One database per service, as in the local stack and on Kubernetes. They belong to the superuser, so each
-- service's Flyway migrates as it; audit-service connects as its insert-only role, which its own migration V5 creates.
create database intake;
create database decision;
create database fulfillment;
create database audit;
