-- Appends were bound by PostgreSQL's index maintenance: each entry wrote 14 facet index entries, 4 entry index entries
-- and a foreign-key check that locks the entry row it references (FOR KEY SHARE writes the entry's heap page again).
-- Measured with 100,000 facet rows appended to 200,000 (2 shared cores, load average 13 to 15): 73 us and 3,100 WAL
-- bytes per row before, 27 to 36 us and 1,050 WAL bytes with the indexes below. Kept: one index per lookup the read
-- side makes (LedgerSearch, the timelines, KpiRepository, LedgerWriter's order facts), partial where most rows have no
-- value, so an entry without an incident, decision or reason code costs those indexes nothing.

-- The facets are derived from the entries and written only by LedgerWriter, in the transaction of the entries they
-- describe, with the same sequences; the check cost more than the facet insert itself.
alter table ledger_facet drop constraint ledger_facet_sequence_fkey;

-- Replaced by partial indexes on the same keys; the (key, event_type, event_time) variants served the KPIs' lookups of
-- one order's, customer's or incident's entries, which are few per key: the (key, sequence) index finds them as well.
drop index ledger_facet_by_order;
drop index ledger_facet_by_customer;
drop index ledger_facet_by_incident;
drop index ledger_facet_by_decision;
drop index ledger_facet_by_reason;
drop index ledger_facet_by_order_type;
drop index ledger_facet_by_customer_type;
drop index ledger_facet_by_incident_type;
-- A carrier or a market is a large share of the ledger (a handful of values each): a search for one walks the facets
-- in sequence order and stops after a page, which an index on the value would not make faster.
drop index ledger_facet_by_carrier;
drop index ledger_facet_by_market;

create index ledger_facet_by_order on ledger_facet (order_id, sequence) where order_id is not null;
create index ledger_facet_by_customer on ledger_facet (customer_id, sequence) where customer_id is not null;
create index ledger_facet_by_incident on ledger_facet (incident_id, sequence) where incident_id is not null;
create index ledger_facet_by_decision on ledger_facet (decision_id, sequence) where decision_id is not null;
create index ledger_facet_by_reason on ledger_facet (reason_code, sequence) where reason_code is not null;
-- Unchanged: ledger_facet_by_type (event_type, sequence) and ledger_facet_by_time (event_time, sequence) for searches
-- by type or time range, paged by sequence; ledger_facet_by_type_time (event_type, event_time) for the KPIs' windows.
-- Their keys grow with the ledger, so an append adds to their last pages only.

-- Only events of an incident carry a correlation id; the incident timeline is the one lookup by it.
drop index ledger_entry_by_correlation;
create index ledger_entry_by_correlation on ledger_entry (correlation_id) where correlation_id is not null;
