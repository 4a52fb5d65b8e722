"""E301: an MWAA environment's web server is private and every log type is on."""

from generator.rules.base import Rule, is_true

LOG_TYPES = (
    "DagProcessingLogs",
    "SchedulerLogs",
    "TaskLogs",
    "WebserverLogs",
    "WorkerLogs",
)


class MwaaPrivateAndLogged(Rule):
    id = "E301"
    shortdesc = "MWAA web server private, all five log types enabled"
    description = (
        "The Airflow UI can trigger any DAG with the environment's role: keep it PRIVATE_ONLY. "
        "Without DAG processing, scheduler, task, web server and worker logs a failed run "
        "cannot be investigated."
    )
    source_url = "https://docs.aws.amazon.com/mwaa/latest/userguide/configuring-networking.html"
    fix = "set WebserverAccessMode to PRIVATE_ONLY and enable every LoggingConfiguration entry"
    resource_types = ("AWS::MWAA::Environment",)

    def match(self, logical_id, properties):
        if properties.get("WebserverAccessMode") != "PRIVATE_ONLY":
            yield "the Airflow web server is reachable from the internet (not PRIVATE_ONLY)"
        logging = properties.get("LoggingConfiguration", {})
        for log_type in LOG_TYPES:
            if not is_true(logging.get(log_type, {}).get("Enabled")):
                yield f"{log_type} are not enabled"
