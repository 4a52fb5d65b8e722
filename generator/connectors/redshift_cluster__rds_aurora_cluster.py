"""The connector redshift.cluster -> rds.aurora_cluster: a federated query (T01).

Redshift reads live rows of the Aurora PostgreSQL database through an external
schema (CREATE EXTERNAL SCHEMA ... FROM POSTGRES ... SECRET_ARN ...): it
connects to the database's endpoint on port 5432 as a login of its own
(redshift_reader, made by the cluster kind's login(): CONNECT and CREATE on the
database, nothing of anyone else's), whose secret only the
warehouse's federated role may read. The security groups open 5432 from the
warehouse to the database and nothing else. Federated queries only read: Redshift
cannot write to the source database.

The login may connect; it reads only what the database's owner grants it. The
flow ships that grant with the table it covers (sql/<database>/order_service.sql,
PostgreSQL), and the external schema (sql/<warehouse>/federated_<database>.sql,
Redshift), which the starter README runs once, statement by statement, through the
RDS and the Redshift Data API: not in a nightly batch, whose one transaction block
is no place for an external-object statement.
"""

from generator.kinds.base import AppFile, Connector

CONNECTOR = Connector(
    source="redshift.cluster",
    target="rds.aurora_cluster",
    doc=(
        "federated query: the warehouse reads the database through an external schema, as a "
        "login of its own (redshift_reader) whose secret only its federated role may read, "
        "over port 5432 only"
    ),
    expression="connectors/redshift_cluster__rds_aurora_cluster.py.j2",
    fills=("source", "federated_databases"),
    app_files=(
        AppFile("sql/{target}/order_service.sql", "app/{folder}/order_service.sql.j2"),
        AppFile(
            "sql/{source}/federated_{target}.sql",
            "app/{folder}/live_schema.sql.j2",
            runs_in="source",
        ),
    ),
)
