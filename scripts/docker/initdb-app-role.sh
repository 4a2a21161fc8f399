#!/bin/sh
# Runs once, when the PostgreSQL container initialises an empty data folder
# (docker-entrypoint-initdb.d). Creates the app's login role, a member of
# aegis_app: the migrations grant aegis_app its privileges and row-level
# security binds it. The app never connects as the owner.
set -eu
: "${APP_DB_PASSWORD:?set APP_DB_PASSWORD}"
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  --set=app_password="$APP_DB_PASSWORD" <<'SQL'
SELECT 'CREATE ROLE aegis_app NOLOGIN NOSUPERUSER NOBYPASSRLS'
  WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'aegis_app') \gexec
SELECT format('CREATE ROLE aegis_web LOGIN NOSUPERUSER NOBYPASSRLS INHERIT PASSWORD %L IN ROLE aegis_app', :'app_password')
  WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'aegis_web') \gexec
SQL
