-- CreateEnum
CREATE TYPE "AuditType" AS ENUM ('RBIA', 'CONCURRENT', 'IS_AUDIT', 'STATUTORY');

-- CreateEnum
CREATE TYPE "EngagementStatus" AS ENUM ('PLANNED', 'IN_PROGRESS', 'COMPLETED');

-- CreateEnum
CREATE TYPE "ObservationStatus" AS ENUM ('DRAFT', 'SUBMITTED', 'REVIEWED', 'ISSUED', 'RESPONSE', 'COMPLIANCE', 'CLOSED');

-- CreateEnum
CREATE TYPE "Severity" AS ENUM ('LOW', 'MEDIUM', 'HIGH', 'CRITICAL');

-- CreateTable
CREATE TABLE "engagement" (
    "tenant_id" UUID NOT NULL,
    "id" UUID NOT NULL,
    "plan_year" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "org_unit_id" UUID NOT NULL,
    "audit_type" "AuditType" NOT NULL,
    "period_start" DATE NOT NULL,
    "period_end" DATE NOT NULL,
    "status" "EngagementStatus" NOT NULL DEFAULT 'PLANNED',
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "engagement_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateTable
CREATE TABLE "engagement_auditor" (
    "tenant_id" UUID NOT NULL,
    "engagement_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "engagement_auditor_pkey" PRIMARY KEY ("tenant_id","engagement_id","user_id")
);

-- CreateTable
CREATE TABLE "observation" (
    "tenant_id" UUID NOT NULL,
    "id" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "condition" TEXT NOT NULL,
    "criteria" TEXT NOT NULL,
    "cause" TEXT NOT NULL,
    "effect" TEXT NOT NULL,
    "recommendation" TEXT NOT NULL,
    "assessed_severity" "Severity" NOT NULL,
    "severity" "Severity" NOT NULL,
    "status" "ObservationStatus" NOT NULL DEFAULT 'DRAFT',
    "org_unit_id" UUID NOT NULL,
    "audit_area" TEXT NOT NULL,
    "risk_category" TEXT NOT NULL,
    "rbi_references" TEXT NOT NULL DEFAULT '',
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "engagement_id" UUID,
    "proposed_due_date" DATE,
    "due_date" DATE,
    "author_id" UUID NOT NULL,
    "repeat_of_id" UUID,
    "repeat_occurrence" INTEGER NOT NULL DEFAULT 1,
    "closed_during_fieldwork" BOOLEAN NOT NULL DEFAULT false,
    "closure_rationale" TEXT,
    "issued_at" TIMESTAMPTZ(3),
    "closed_at" TIMESTAMPTZ(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "observation_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateTable
CREATE TABLE "observation_event" (
    "tenant_id" UUID NOT NULL,
    "id" UUID NOT NULL,
    "observation_id" UUID NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "from_status" "ObservationStatus",
    "to_status" "ObservationStatus",
    "comment" TEXT,
    "details" JSONB,

    CONSTRAINT "observation_event_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateTable
CREATE TABLE "repeat_dismissal" (
    "tenant_id" UUID NOT NULL,
    "observation_id" UUID NOT NULL,
    "candidate_id" UUID NOT NULL,
    "dismissed_by_id" UUID NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "repeat_dismissal_pkey" PRIMARY KEY ("tenant_id","observation_id","candidate_id")
);

-- CreateIndex
CREATE INDEX "engagement_tenant_id_plan_year_status_idx" ON "engagement"("tenant_id", "plan_year", "status");

-- CreateIndex
CREATE INDEX "engagement_auditor_tenant_id_user_id_idx" ON "engagement_auditor"("tenant_id", "user_id");

-- CreateIndex
CREATE INDEX "observation_tenant_id_status_created_at_idx" ON "observation"("tenant_id", "status", "created_at");

-- CreateIndex
CREATE INDEX "observation_tenant_id_severity_idx" ON "observation"("tenant_id", "severity");

-- CreateIndex
CREATE INDEX "observation_tenant_id_org_unit_id_audit_area_risk_category_idx" ON "observation"("tenant_id", "org_unit_id", "audit_area", "risk_category");

-- CreateIndex
CREATE INDEX "observation_tenant_id_audit_area_idx" ON "observation"("tenant_id", "audit_area");

-- CreateIndex
CREATE INDEX "observation_tenant_id_risk_category_idx" ON "observation"("tenant_id", "risk_category");

-- CreateIndex
CREATE INDEX "observation_tenant_id_engagement_id_idx" ON "observation"("tenant_id", "engagement_id");

-- CreateIndex
CREATE INDEX "observation_tenant_id_due_date_idx" ON "observation"("tenant_id", "due_date");

-- CreateIndex
CREATE INDEX "observation_tenant_id_author_id_idx" ON "observation"("tenant_id", "author_id");

-- CreateIndex
CREATE INDEX "observation_tenant_id_created_at_idx" ON "observation"("tenant_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "observation_tenant_id_number_key" ON "observation"("tenant_id", "number");

-- CreateIndex
CREATE INDEX "observation_event_tenant_id_observation_id_at_idx" ON "observation_event"("tenant_id", "observation_id", "at");

-- AddForeignKey
ALTER TABLE "engagement" ADD CONSTRAINT "engagement_tenant_id_org_unit_id_fkey" FOREIGN KEY ("tenant_id", "org_unit_id") REFERENCES "org_unit"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "engagement_auditor" ADD CONSTRAINT "engagement_auditor_tenant_id_engagement_id_fkey" FOREIGN KEY ("tenant_id", "engagement_id") REFERENCES "engagement"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "engagement_auditor" ADD CONSTRAINT "engagement_auditor_tenant_id_user_id_fkey" FOREIGN KEY ("tenant_id", "user_id") REFERENCES "app_user"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "observation" ADD CONSTRAINT "observation_tenant_id_org_unit_id_fkey" FOREIGN KEY ("tenant_id", "org_unit_id") REFERENCES "org_unit"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "observation" ADD CONSTRAINT "observation_tenant_id_engagement_id_fkey" FOREIGN KEY ("tenant_id", "engagement_id") REFERENCES "engagement"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "observation" ADD CONSTRAINT "observation_tenant_id_author_id_fkey" FOREIGN KEY ("tenant_id", "author_id") REFERENCES "app_user"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "observation" ADD CONSTRAINT "observation_tenant_id_repeat_of_id_fkey" FOREIGN KEY ("tenant_id", "repeat_of_id") REFERENCES "observation"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "observation_event" ADD CONSTRAINT "observation_event_tenant_id_observation_id_fkey" FOREIGN KEY ("tenant_id", "observation_id") REFERENCES "observation"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "observation_event" ADD CONSTRAINT "observation_event_tenant_id_actor_id_fkey" FOREIGN KEY ("tenant_id", "actor_id") REFERENCES "app_user"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "repeat_dismissal" ADD CONSTRAINT "repeat_dismissal_tenant_id_observation_id_fkey" FOREIGN KEY ("tenant_id", "observation_id") REFERENCES "observation"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- ===========================================================================
-- Hand-written: grants, row-level security, append-only timeline, search
-- indexes, audit triggers.
-- ===========================================================================

GRANT SELECT, INSERT, UPDATE ON engagement, observation TO aegis_app;
-- Auditors are assigned and unassigned; each change is in the audit trail.
GRANT SELECT, INSERT, DELETE ON engagement_auditor TO aegis_app;
-- The timeline and dismissals are only ever added to.
GRANT SELECT, INSERT ON observation_event, repeat_dismissal TO aegis_app;

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['engagement', 'engagement_auditor', 'observation', 'observation_event', 'repeat_dismissal'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant())', t);
  END LOOP;
END
$$;

-- The timeline is a regulated record: nobody may change or remove an entry.
CREATE FUNCTION refuse_timeline_change() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  RAISE EXCEPTION 'the observation timeline is append-only: % on % is refused', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER observation_event_append_only BEFORE UPDATE OR DELETE ON observation_event
  FOR EACH ROW EXECUTE FUNCTION refuse_timeline_change();
CREATE TRIGGER observation_event_no_truncate BEFORE TRUNCATE ON observation_event
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_timeline_change();
CREATE TRIGGER repeat_dismissal_append_only BEFORE UPDATE OR DELETE ON repeat_dismissal
  FOR EACH ROW EXECUTE FUNCTION refuse_timeline_change();

-- Text search over title and condition, and "similar finding" suggestions
-- for repeats, both use trigram indexes (pg_trgm).
CREATE INDEX observation_title_trgm ON observation USING gin (title gin_trgm_ops);
CREATE INDEX observation_condition_trgm ON observation USING gin (condition gin_trgm_ops);

CREATE TRIGGER audit_engagement AFTER INSERT OR UPDATE OR DELETE ON engagement
  FOR EACH ROW EXECUTE FUNCTION audit_row_change();
CREATE TRIGGER audit_engagement_auditor AFTER INSERT OR UPDATE OR DELETE ON engagement_auditor
  FOR EACH ROW EXECUTE FUNCTION audit_row_change();
CREATE TRIGGER audit_observation AFTER INSERT OR UPDATE OR DELETE ON observation
  FOR EACH ROW EXECUTE FUNCTION audit_row_change();
CREATE TRIGGER audit_observation_event AFTER INSERT ON observation_event
  FOR EACH ROW EXECUTE FUNCTION audit_row_change();
CREATE TRIGGER audit_repeat_dismissal AFTER INSERT ON repeat_dismissal
  FOR EACH ROW EXECUTE FUNCTION audit_row_change();
