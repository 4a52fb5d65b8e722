"""The connector kinesis.stream -> lambda.function: an event source mapping polls the stream.

Lambda reads each shard in order and calls the function with a batch of records. A
batch that fails blocks its shard until it succeeds or expires, so the mapping bounds
the damage: it splits a failing batch in two to isolate the bad record
(bisect_on_error), retries a limited number of times and only for records younger than
max_record_age_s, lets the function report the first record that failed
(ReportBatchItemFailures, so the records before it are not processed again), and then
sends a description of what it gave up on (shard, sequence numbers; not the records)
to an SQS queue, the on-failure destination, where someone can replay it from the
stream while the stream still retains the records.

The mapping is part of the stream's component; the function's role gets the stream's
read actions and its key's kms:Decrypt, and, through CDK's SqsDlq, sqs:SendMessage on the
queue with its key's actions, which Lambda uses to send to the destination.
"""

from typing import Literal

from pydantic import Field

from generator.kinds.base import Connector, Props, component_ref


class StreamToFunctionProps(Props):
    batch_size: int = Field(
        100, ge=1, le=10000, description="records per invocation at most (1 to 10,000)"
    )
    batching_window_s: int = Field(
        0, ge=0, le=300, description="seconds Lambda may wait to fill a batch (0 to 300)"
    )
    bisect_on_error: bool = Field(
        True, description="split a failing batch in two and retry each half"
    )
    retry_attempts: int = Field(
        3, ge=0, le=10000, description="retries of a failing batch before it goes to the queue"
    )
    max_record_age_s: int = Field(
        3600,
        ge=60,
        le=604800,
        description="records older than this are not retried but sent to the queue",
    )
    starting_position: Literal["LATEST", "TRIM_HORIZON"] = Field(
        "LATEST",
        description="where a new mapping starts: new records only, or the oldest retained",
    )
    on_failure: component_ref(
        "sqs.queue",
        export="queue",
        doc="the queue that receives a description of each batch the mapping gives up on",
    )


CONNECTOR = Connector(
    source="kinesis.stream",
    target="lambda.function",
    doc=(
        "an event source mapping calls the function with batches of records (batch size, "
        "bisect on error, retry limit, maximum record age, on-failure queue); the function "
        "may read the stream and decrypt with its key"
    ),
    wiring="connectors/kinesis_stream__lambda_function.wiring.py.j2",
    imports=(
        "from aws_cdk import aws_lambda as lambda_",
        "from aws_cdk import aws_lambda_event_sources as lambda_event_sources",
        "from aws_cdk import Duration",
        "from aws_cdk import Validations",
        "from aws_cdk import Acknowledgment",
    ),
    props=StreamToFunctionProps,
)
