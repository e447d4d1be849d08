-- decision_by_incident duplicated the unique index on (incident_id, incident_revision), whose leading column serves
-- every lookup by incident: each decision paid for one more index entry on the hot path and bought nothing.
drop index decision_by_incident;
