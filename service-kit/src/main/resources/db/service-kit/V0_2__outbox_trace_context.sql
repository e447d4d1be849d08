-- The W3C trace context of the transaction that wrote an outbox row: the relay sends the row later, from its own
-- thread, and sets it as the record's traceparent/tracestate headers so that the consumer continues the same trace.
-- Rows written outside any trace leave it null.
alter table outbox_event
    add column trace_parent varchar(55),
    add column trace_state  varchar(512);
