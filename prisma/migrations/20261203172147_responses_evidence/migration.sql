-- CreateEnum
CREATE TYPE "ResponseKind" AS ENUM ('CLARIFICATION', 'COMPLIANCE_ACTION', 'EXTENSION_REQUEST');

-- CreateTable
CREATE TABLE "observation_response" (
    "tenant_id" UUID NOT NULL,
    "id" UUID NOT NULL,
    "observation_id" UUID NOT NULL,
    "kind" "ResponseKind" NOT NULL,
    "body" TEXT NOT NULL,
    "proposed_due_date" DATE,
    "submitted_by_id" UUID NOT NULL,
    "submitted_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "observation_response_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateTable
CREATE TABLE "evidence" (
    "tenant_id" UUID NOT NULL,
    "id" UUID NOT NULL,
    "observation_id" UUID NOT NULL,
    "storage_key" TEXT NOT NULL,
    "filename" TEXT NOT NULL,
    "content_type" TEXT NOT NULL,
    "size_bytes" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "uploaded_by_id" UUID NOT NULL,
    "uploaded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "supersedes_id" UUID,

    CONSTRAINT "evidence_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateTable
CREATE TABLE "response_evidence" (
    "tenant_id" UUID NOT NULL,
    "response_id" UUID NOT NULL,
    "evidence_id" UUID NOT NULL,

    CONSTRAINT "response_evidence_pkey" PRIMARY KEY ("tenant_id","response_id","evidence_id")
);

-- CreateIndex
CREATE INDEX "observation_response_tenant_id_observation_id_submitted_at_idx" ON "observation_response"("tenant_id", "observation_id", "submitted_at");

-- CreateIndex
CREATE INDEX "evidence_tenant_id_observation_id_uploaded_at_idx" ON "evidence"("tenant_id", "observation_id", "uploaded_at");

-- CreateIndex
CREATE UNIQUE INDEX "evidence_tenant_id_storage_key_key" ON "evidence"("tenant_id", "storage_key");

-- CreateIndex
CREATE INDEX "response_evidence_tenant_id_evidence_id_idx" ON "response_evidence"("tenant_id", "evidence_id");

-- AddForeignKey
ALTER TABLE "observation_response" ADD CONSTRAINT "observation_response_tenant_id_observation_id_fkey" FOREIGN KEY ("tenant_id", "observation_id") REFERENCES "observation"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "observation_response" ADD CONSTRAINT "observation_response_tenant_id_submitted_by_id_fkey" FOREIGN KEY ("tenant_id", "submitted_by_id") REFERENCES "app_user"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_tenant_id_observation_id_fkey" FOREIGN KEY ("tenant_id", "observation_id") REFERENCES "observation"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_tenant_id_uploaded_by_id_fkey" FOREIGN KEY ("tenant_id", "uploaded_by_id") REFERENCES "app_user"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "response_evidence" ADD CONSTRAINT "response_evidence_tenant_id_response_id_fkey" FOREIGN KEY ("tenant_id", "response_id") REFERENCES "observation_response"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "response_evidence" ADD CONSTRAINT "response_evidence_tenant_id_evidence_id_fkey" FOREIGN KEY ("tenant_id", "evidence_id") REFERENCES "evidence"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- ===========================================================================
-- Hand-written: grants, row-level security, append-only records, audit.
-- ===========================================================================

-- The refusal message named the timeline; it now serves every append-only table.
CREATE OR REPLACE FUNCTION refuse_timeline_change() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % is refused', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'insufficient_privilege';
END
$$;

-- Responses, evidence and their links are only ever added: no UPDATE or
-- DELETE grant, and triggers refuse both for every role, the owner included.
GRANT SELECT, INSERT ON observation_response, evidence, response_evidence TO aegis_app;

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['observation_response', 'evidence', 'response_evidence'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant())', t);
    EXECUTE format('CREATE TRIGGER %I BEFORE UPDATE OR DELETE ON %I FOR EACH ROW EXECUTE FUNCTION refuse_timeline_change()', t || '_append_only', t);
    EXECUTE format('CREATE TRIGGER %I BEFORE TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION refuse_timeline_change()', t || '_no_truncate', t);
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I FOR EACH ROW EXECUTE FUNCTION audit_row_change()', 'audit_' || t, t);
  END LOOP;
END
$$;
