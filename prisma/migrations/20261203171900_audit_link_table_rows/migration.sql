-- The audit trigger filed a changed row under its `id`, else its `user_id`.
-- Link tables such as repeat_dismissal have neither, so their inserts
-- failed (audit_entry.entity_id is NOT NULL).
-- Rows of link tables have no id of their own: file them under the record
-- they belong to (observation, response, engagement, user), in that order.
CREATE OR REPLACE FUNCTION audit_row_change() RETURNS trigger
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
    coalesce(row_data->>'id', row_data->>'observation_id', row_data->>'response_id',
             row_data->>'engagement_id', row_data->>'user_id'),
    old_row,
    new_row,
    app_setting('app.ip'),
    app_setting('app.user_agent'),
    app_setting('app.session_id')::uuid);
  RETURN NULL;
END
$$;

