-- Claims carry the parties and the prior authorization they are billed with (copied from the encounter
-- when built or rebuilt), so the claims module never reads encounters.
UPDATE "claims" c SET "rendering_provider_id" = e."rendering_provider_id", "referring_provider_id" = e."referring_provider_id",
  "facility_id" = e."facility_id", "prior_authorization" = e."prior_authorization"
FROM "encounters" e WHERE e."org_id" = c."org_id" AND e."id" = c."encounter_id";--> statement-breakpoint
-- Encounter lines hold units as integer thousandths (unitsThousandths), and every field of the service-line shape.
UPDATE "encounters" SET "lines" = (
  SELECT coalesce(jsonb_agg(
    (l - 'units') || jsonb_build_object(
      'unitsThousandths', round((l->>'units')::numeric * 1000)::bigint,
      'dateOfService', l->'dateOfService', 'ndc', l->'ndc', 'description', l->'description')
    ORDER BY n), '[]'::jsonb)
  FROM jsonb_array_elements("lines") WITH ORDINALITY AS x(l, n))
WHERE EXISTS (SELECT 1 FROM jsonb_array_elements("lines") AS y(l) WHERE y.l ? 'units');
