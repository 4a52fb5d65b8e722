"""The connector sagemaker.domain -> s3.bucket: Studio uploads training data and scripts."""

from generator.kinds.base import Connector

CONNECTOR = Connector(
    source="sagemaker.domain",
    target="s3.bucket",
    doc=(
        "the domain's execution role (the launcher) uploads training data under data/ and each "
        "job's script under code/, and may read the models under models/; nothing else of it"
    ),
    wiring="connectors/sagemaker_domain__s3_bucket.wiring.py.j2",
    imports=("from aws_cdk import Validations", "from aws_cdk import Acknowledgment"),
)
