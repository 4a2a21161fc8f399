-- Extensions (kept out of schema.prisma; see the datasource comment there).
CREATE EXTENSION IF NOT EXISTS citext;
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('ADMIN', 'AUDITOR', 'AUDIT_MANAGER', 'CAE', 'CCO', 'CEO', 'AUDITEE');

-- CreateEnum
CREATE TYPE "UserStatus" AS ENUM ('ACTIVE', 'DEACTIVATED');

-- CreateEnum
CREATE TYPE "OrgUnitKind" AS ENUM ('HEAD_OFFICE', 'ZONE', 'BRANCH', 'DEPARTMENT');

-- AlterTable
ALTER TABLE "tenant" ADD COLUMN     "address" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "contact_email" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- CreateTable
CREATE TABLE "app_user" (
    "tenant_id" UUID NOT NULL,
    "id" UUID NOT NULL,
    "email" CITEXT NOT NULL,
    "name" TEXT NOT NULL,
    "password_hash" TEXT,
    "status" "UserStatus" NOT NULL DEFAULT 'ACTIVE',
    "failed_login_count" INTEGER NOT NULL DEFAULT 0,
    "locked_until" TIMESTAMPTZ(3),
    "last_sign_in_at" TIMESTAMPTZ(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "app_user_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateTable
CREATE TABLE "user_role" (
    "tenant_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "role" "Role" NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "user_role_pkey" PRIMARY KEY ("tenant_id","user_id","role")
);

-- CreateTable
CREATE TABLE "org_unit" (
    "tenant_id" UUID NOT NULL,
    "id" UUID NOT NULL,
    "kind" "OrgUnitKind" NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "parent_id" UUID,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "org_unit_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateTable
CREATE TABLE "user_org_unit" (
    "tenant_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "org_unit_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "user_org_unit_pkey" PRIMARY KEY ("tenant_id","user_id","org_unit_id")
);

-- CreateTable
CREATE TABLE "invitation" (
    "tenant_id" UUID NOT NULL,
    "id" UUID NOT NULL,
    "email" CITEXT NOT NULL,
    "name" TEXT NOT NULL,
    "roles" "Role"[],
    "org_unit_ids" UUID[],
    "token_hash" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "accepted_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),
    "invited_by_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "invitation_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateTable
CREATE TABLE "session" (
    "tenant_id" UUID NOT NULL,
    "id" UUID NOT NULL,
    "token_hash" TEXT NOT NULL,
    "user_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "ended_at" TIMESTAMPTZ(3),
    "end_reason" TEXT,
    "ip" TEXT,
    "user_agent" TEXT,

    CONSTRAINT "session_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateTable
CREATE TABLE "outgoing_message" (
    "tenant_id" UUID NOT NULL,
    "id" UUID NOT NULL,
    "to_address" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'RECORDED',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "outgoing_message_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateTable
CREATE TABLE "login_attempt" (
    "id" BIGSERIAL NOT NULL,
    "ip" TEXT NOT NULL,
    "email" CITEXT NOT NULL,
    "succeeded" BOOLEAN NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "login_attempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_entry" (
    "tenant_id" UUID NOT NULL,
    "seq" BIGINT NOT NULL DEFAULT 0,
    "occurred_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor_id" UUID,
    "actor_email" TEXT,
    "action" TEXT NOT NULL,
    "entity" TEXT NOT NULL,
    "entity_id" TEXT NOT NULL,
    "before" JSONB,
    "after" JSONB,
    "ip" TEXT,
    "user_agent" TEXT,
    "session_id" UUID,
    "prev_hash" TEXT NOT NULL DEFAULT '',
    "hash" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "audit_entry_pkey" PRIMARY KEY ("tenant_id","seq")
);

-- CreateTable
CREATE TABLE "audit_chain_head" (
    "tenant_id" UUID NOT NULL,
    "seq" BIGINT NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "audit_chain_head_pkey" PRIMARY KEY ("tenant_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "app_user_tenant_id_email_key" ON "app_user"("tenant_id", "email");

-- CreateIndex
CREATE INDEX "org_unit_tenant_id_kind_active_idx" ON "org_unit"("tenant_id", "kind", "active");

-- CreateIndex
CREATE UNIQUE INDEX "org_unit_tenant_id_code_key" ON "org_unit"("tenant_id", "code");

-- CreateIndex
CREATE INDEX "user_org_unit_tenant_id_org_unit_id_idx" ON "user_org_unit"("tenant_id", "org_unit_id");

-- CreateIndex
CREATE INDEX "invitation_token_hash_idx" ON "invitation"("token_hash");

-- CreateIndex
CREATE INDEX "invitation_tenant_id_email_idx" ON "invitation"("tenant_id", "email");

-- CreateIndex
CREATE UNIQUE INDEX "invitation_tenant_id_token_hash_key" ON "invitation"("tenant_id", "token_hash");

-- CreateIndex
CREATE UNIQUE INDEX "session_token_hash_key" ON "session"("token_hash");

-- CreateIndex
CREATE INDEX "session_token_hash_idx" ON "session"("token_hash");

-- CreateIndex
CREATE INDEX "session_tenant_id_user_id_ended_at_idx" ON "session"("tenant_id", "user_id", "ended_at");

-- CreateIndex
CREATE UNIQUE INDEX "session_tenant_id_token_hash_key" ON "session"("tenant_id", "token_hash");

-- CreateIndex
CREATE INDEX "outgoing_message_tenant_id_created_at_idx" ON "outgoing_message"("tenant_id", "created_at");

-- CreateIndex
CREATE INDEX "login_attempt_ip_at_idx" ON "login_attempt"("ip", "at");

-- CreateIndex
CREATE INDEX "login_attempt_email_at_idx" ON "login_attempt"("email", "at");

-- CreateIndex
CREATE INDEX "audit_entry_tenant_id_entity_entity_id_idx" ON "audit_entry"("tenant_id", "entity", "entity_id");

-- CreateIndex
CREATE INDEX "audit_entry_tenant_id_actor_id_occurred_at_idx" ON "audit_entry"("tenant_id", "actor_id", "occurred_at");

-- CreateIndex
CREATE INDEX "audit_entry_tenant_id_action_occurred_at_idx" ON "audit_entry"("tenant_id", "action", "occurred_at");

-- CreateIndex
CREATE INDEX "audit_entry_tenant_id_occurred_at_idx" ON "audit_entry"("tenant_id", "occurred_at");

-- AddForeignKey
ALTER TABLE "app_user" ADD CONSTRAINT "app_user_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "user_role" ADD CONSTRAINT "user_role_tenant_id_user_id_fkey" FOREIGN KEY ("tenant_id", "user_id") REFERENCES "app_user"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "org_unit" ADD CONSTRAINT "org_unit_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "org_unit" ADD CONSTRAINT "org_unit_tenant_id_parent_id_fkey" FOREIGN KEY ("tenant_id", "parent_id") REFERENCES "org_unit"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "user_org_unit" ADD CONSTRAINT "user_org_unit_tenant_id_user_id_fkey" FOREIGN KEY ("tenant_id", "user_id") REFERENCES "app_user"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "user_org_unit" ADD CONSTRAINT "user_org_unit_tenant_id_org_unit_id_fkey" FOREIGN KEY ("tenant_id", "org_unit_id") REFERENCES "org_unit"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "invitation" ADD CONSTRAINT "invitation_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "session" ADD CONSTRAINT "session_tenant_id_user_id_fkey" FOREIGN KEY ("tenant_id", "user_id") REFERENCES "app_user"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "outgoing_message" ADD CONSTRAINT "outgoing_message_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- ===========================================================================
-- Hand-written below: the application role, row-level security, the audit
-- trail's triggers and its hash chain. Nothing here is applied by hand.
-- ===========================================================================

-- The running app connects as a login role that is a member of aegis_app
-- (created per deployment with its own password: scripts/lib/services.ts,
-- scripts/docker/initdb-app-role.sh). aegis_app is not a superuser, has no
-- BYPASSRLS and owns nothing, so row-level security always applies to it.
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'aegis_app') THEN
    CREATE ROLE aegis_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
  END IF;
END
$$;

GRANT USAGE ON SCHEMA public TO aegis_app;
GRANT SELECT, INSERT, UPDATE ON tenant, app_user, org_unit, invitation, session, outgoing_message TO aegis_app;
-- Role and branch assignments are edited by removing and adding rows; each
-- change is in the audit trail.
GRANT SELECT, INSERT, DELETE ON user_role, user_org_unit TO aegis_app;
-- Rate-limit counters are operational data, pruned when old.
GRANT SELECT, INSERT, DELETE ON login_attempt TO aegis_app;
GRANT USAGE ON SEQUENCE login_attempt_id_seq TO aegis_app;
-- The audit trail: append and read, nothing else.
GRANT SELECT, INSERT ON audit_entry TO aegis_app;
-- audit_chain_head: no grants; only the chaining trigger touches it.

-- The bank this transaction acts for: set per transaction by the app
-- (set_config('app.tenant_id', …, true)); NULL when unset.
CREATE FUNCTION app_current_tenant() RETURNS uuid
  LANGUAGE sql STABLE
  AS $$ SELECT NULLIF(current_setting('app.tenant_id', true), '')::uuid $$;

-- A setting of this transaction, NULL when unset or empty.
CREATE FUNCTION app_setting(name text) RETURNS text
  LANGUAGE sql STABLE
  AS $$ SELECT NULLIF(current_setting(name, true), '') $$;

-- Row-level security, enabled and forced (the table owner is bound too).
ALTER TABLE tenant ENABLE ROW LEVEL SECURITY;
ALTER TABLE tenant FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON tenant
  USING (id = app_current_tenant()) WITH CHECK (id = app_current_tenant());

ALTER TABLE app_user ENABLE ROW LEVEL SECURITY;
ALTER TABLE app_user FORCE ROW LEVEL SECURITY;
-- Before a bank is known, sign-in may see only the accounts with the email
-- being signed in with (the app sets app.login_email for that one query).
CREATE POLICY tenant_isolation ON app_user
  USING (tenant_id = app_current_tenant()
         OR (app_current_tenant() IS NULL AND email = app_setting('app.login_email')::citext))
  WITH CHECK (tenant_id = app_current_tenant());

ALTER TABLE session ENABLE ROW LEVEL SECURITY;
ALTER TABLE session FORCE ROW LEVEL SECURITY;
-- Before a bank is known, a request may see only the session whose token it
-- holds (app.session_token_hash).
CREATE POLICY tenant_isolation ON session
  USING (tenant_id = app_current_tenant()
         OR (app_current_tenant() IS NULL AND token_hash = app_setting('app.session_token_hash')))
  WITH CHECK (tenant_id = app_current_tenant());

ALTER TABLE invitation ENABLE ROW LEVEL SECURITY;
ALTER TABLE invitation FORCE ROW LEVEL SECURITY;
-- Likewise an invitation link: only the invitation whose token is presented.
CREATE POLICY tenant_isolation ON invitation
  USING (tenant_id = app_current_tenant()
         OR (app_current_tenant() IS NULL AND token_hash = app_setting('app.invitation_token_hash')))
  WITH CHECK (tenant_id = app_current_tenant());

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['user_role', 'org_unit', 'user_org_unit', 'outgoing_message', 'audit_entry'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant())', t);
  END LOOP;
END
$$;

-- ---------------------------------------------------------------------------
-- Audit trail: append-only for every role, the owner included.
-- ---------------------------------------------------------------------------
CREATE FUNCTION refuse_audit_change() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  RAISE EXCEPTION 'the audit trail is append-only: % on % is refused', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER audit_entry_append_only BEFORE UPDATE OR DELETE ON audit_entry
  FOR EACH ROW EXECUTE FUNCTION refuse_audit_change();
CREATE TRIGGER audit_entry_no_truncate BEFORE TRUNCATE ON audit_entry
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_change();

-- The canonical content an entry's hash covers. scripts and the app's
-- verifier rebuild the same text from the stored columns independently
-- (app/domain/audit-chain.ts); fields are separated by U+001F.
CREATE FUNCTION audit_entry_hash(e audit_entry) RETURNS text
  LANGUAGE sql IMMUTABLE
  AS $$
  SELECT encode(sha256(convert_to(concat_ws(E'\x1f',
    e.seq::text,
    e.tenant_id::text,
    to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
    coalesce(e.actor_id::text, ''),
    coalesce(e.actor_email, ''),
    e.action,
    e.entity,
    e.entity_id,
    coalesce(e.before::text, ''),
    coalesce(e.after::text, ''),
    coalesce(e.ip, ''),
    coalesce(e.user_agent, ''),
    coalesce(e.session_id::text, ''),
    e.prev_hash), 'UTF8')), 'hex')
$$;

-- Links each new entry to its bank's chain. The head row is locked until the
-- transaction ends, so concurrent writers for one bank chain in one order.
CREATE FUNCTION audit_entry_chain() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
DECLARE
  head audit_chain_head%ROWTYPE;
BEGIN
  INSERT INTO audit_chain_head (tenant_id, seq, hash)
    VALUES (NEW.tenant_id, 0, repeat('0', 64))
    ON CONFLICT (tenant_id) DO NOTHING;
  SELECT * INTO head FROM audit_chain_head WHERE tenant_id = NEW.tenant_id FOR UPDATE;
  NEW.seq := head.seq + 1;
  NEW.prev_hash := head.hash;
  -- Taken under the lock, so time never runs backwards along the chain.
  NEW.occurred_at := date_trunc('microseconds', clock_timestamp());
  NEW.hash := audit_entry_hash(NEW);
  UPDATE audit_chain_head SET seq = NEW.seq, hash = NEW.hash WHERE tenant_id = NEW.tenant_id;
  RETURN NEW;
END
$$;

CREATE TRIGGER audit_entry_chain BEFORE INSERT ON audit_entry
  FOR EACH ROW EXECUTE FUNCTION audit_entry_chain();

-- Writes one audit entry for a changed row, in the same transaction. Who,
-- from where and why come from settings the app sets per transaction
-- (app.actor_id, app.actor_email, app.action, app.ip, app.user_agent,
-- app.session_id). Trigger arguments name columns never copied into the
-- trail (secrets).
CREATE FUNCTION audit_row_change() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
DECLARE
  old_row jsonb;
  new_row jsonb;
  row_data jsonb;
  secret_columns text[] := coalesce(TG_ARGV, '{}'::text[]);  -- NULL without arguments
BEGIN
  IF TG_OP <> 'INSERT' THEN old_row := to_jsonb(OLD) - secret_columns; END IF;
  IF TG_OP <> 'DELETE' THEN new_row := to_jsonb(NEW) - secret_columns; END IF;
  IF TG_OP = 'UPDATE' AND old_row IS NOT DISTINCT FROM new_row THEN
    RETURN NULL;
  END IF;
  row_data := coalesce(new_row, old_row);
  INSERT INTO audit_entry (tenant_id, actor_id, actor_email, action, entity, entity_id, before, after, ip, user_agent, session_id)
  VALUES (
    coalesce(row_data->>'tenant_id', row_data->>'id')::uuid,
    app_setting('app.actor_id')::uuid,
    app_setting('app.actor_email'),
    coalesce(app_setting('app.action'), TG_TABLE_NAME || '.' || lower(TG_OP)),
    TG_TABLE_NAME,
    -- Assignment tables have no id of their own: they are filed under the user.
    coalesce(row_data->>'id', row_data->>'user_id'),
    old_row,
    new_row,
    app_setting('app.ip'),
    app_setting('app.user_agent'),
    app_setting('app.session_id')::uuid);
  RETURN NULL;
END
$$;

CREATE TRIGGER audit_tenant AFTER INSERT OR UPDATE OR DELETE ON tenant
  FOR EACH ROW EXECUTE FUNCTION audit_row_change();
CREATE TRIGGER audit_app_user AFTER INSERT OR UPDATE OR DELETE ON app_user
  FOR EACH ROW EXECUTE FUNCTION audit_row_change('password_hash');
CREATE TRIGGER audit_user_role AFTER INSERT OR UPDATE OR DELETE ON user_role
  FOR EACH ROW EXECUTE FUNCTION audit_row_change();
CREATE TRIGGER audit_org_unit AFTER INSERT OR UPDATE OR DELETE ON org_unit
  FOR EACH ROW EXECUTE FUNCTION audit_row_change();
CREATE TRIGGER audit_user_org_unit AFTER INSERT OR UPDATE OR DELETE ON user_org_unit
  FOR EACH ROW EXECUTE FUNCTION audit_row_change();
CREATE TRIGGER audit_invitation AFTER INSERT OR UPDATE OR DELETE ON invitation
  FOR EACH ROW EXECUTE FUNCTION audit_row_change('token_hash');
CREATE TRIGGER audit_outgoing_message AFTER INSERT OR UPDATE OR DELETE ON outgoing_message
  FOR EACH ROW EXECUTE FUNCTION audit_row_change('body');
-- Sessions: sign-in (insert) and sign-out/expiry (ended_at set); not the
-- last-seen touch of every request.
CREATE TRIGGER audit_session_insert AFTER INSERT ON session
  FOR EACH ROW EXECUTE FUNCTION audit_row_change('token_hash');
CREATE TRIGGER audit_session_end AFTER UPDATE OF ended_at ON session
  FOR EACH ROW EXECUTE FUNCTION audit_row_change('token_hash', 'last_seen_at');
