#!/bin/sh
# Grafana's read-only role over amlops' store (deploy/grafana), made by the PostgreSQL image on its
# first start (/docker-entrypoint-initdb.d). Its password is the grafana-pg-password secret. The
# tables do not exist yet: default privileges give it SELECT on each table amlops will create
# (amlops connects as POSTGRES_USER: see the database-url secret).
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v owner="$POSTGRES_USER" -v db="$POSTGRES_DB" \
  -v password="$(cat "${GRAFANA_PG_PASSWORD_PATH:-/run/secrets/grafana-pg-password}")" <<'SQL'
CREATE ROLE amlops_grafana LOGIN PASSWORD :'password';
GRANT CONNECT ON DATABASE :"db" TO amlops_grafana;
GRANT USAGE ON SCHEMA public TO amlops_grafana;
ALTER DEFAULT PRIVILEGES FOR ROLE :"owner" IN SCHEMA public GRANT SELECT ON TABLES TO amlops_grafana;
SQL
