-- Rendered from audit.sql.ts by `npm run generate`; do not edit (a test fails when it drifts).
-- Each statement runs as a named prepared statement; a test prepares every one against the migrated schema.

-- name: audit_insert
-- params: $1 orgId text, $2 actor text, $3 auditAction text, $4 auditResource text, $5 auditIds text[], $6 requestId text
insert into audit_events (org_id, actor, action, resource_type, resource_ids, request_id)
select $1::text, $2::text, $3::text, $4::text, $5::text[], $6::text;
