"""The connector stepfunctions.state_machine -> glue.crawler: one step that starts a crawler.

Glue's StartCrawler is called through the AWS SDK integration (there is no
optimized one, so no .sync): the step starts the crawl and the execution goes
on; the crawler adds the new tables and partitions when it finishes. A crawl
already running (CrawlerRunningException) is retried with backoff.
https://docs.aws.amazon.com/step-functions/latest/dg/supported-services-awssdk.md
"""

from generator.kinds.base import Connector

CONNECTOR = Connector(
    source="stepfunctions.state_machine",
    target="glue.crawler",
    doc=(
        "one step of the state machine: it starts the crawler (an AWS SDK call, which does "
        "not wait for the crawl); its role may start this crawler only"
    ),
    expression="connectors/stepfunctions_state_machine__glue_crawler.py.j2",
    fills=("source", "steps"),
    wiring="connectors/stepfunctions_state_machine__glue_crawler.wiring.py.j2",
    imports=(
        "from aws_cdk import aws_stepfunctions as sfn",
        "from aws_cdk import aws_stepfunctions_tasks as tasks",
        "from aws_cdk import aws_iam as iam",
        "from aws_cdk import Duration",
    ),
)
