"""AWS Glue DataBrew recipe job: a dataset, its recipe and the job, as one component (T28, T30).

DataBrew cleans and normalizes data with recipe steps and no code to write
(T28). Three DataBrew resources make one job, and one box reads better in the
diagram than three: the dataset (CSV files under a prefix of the raw bucket,
filled by the flow from that bucket), the recipe (its steps are application
code, a JSON file under templates/app/databrew_job/, so that a local test can
apply them to a CSV and show what they mean), and the recipe job that writes
Parquet under a prefix of the clean bucket (filled by the flow to it),
encrypted with SSE-KMS under that bucket's key, so that whoever may read the
bucket can read what the job wrote.

The recipe's CRYPTOGRAPHIC_HASH steps hash with HMAC-SHA256 and a key kept in
a Secrets Manager secret this component creates (random, encrypted with a
key of its own); the job's role may read that one secret and nothing else of
Secrets Manager:
https://docs.aws.amazon.com/databrew/latest/dg/recipe-actions.CRYPTOGRAPHIC_HASH.html

Its role has no AWS managed policy: it reads the raw prefix, writes the clean
prefix, reads the secret, and uses the two keys.
"""

from pydantic import Field

from generator.kinds.base import (
    KEYS_ROTATE,
    KMS_KEYS_BILL_MONTHLY,
    PRICING_CHECKED,
    AppFile,
    Cost,
    Export,
    Icon,
    Kind,
    Lifecycle,
    Props,
    SecureDefault,
    Slot,
    app_code,
)


class DataBrewJobProps(Props):
    recipe: app_code(
        "databrew_job", ".json", doc="which recipe (JSON steps) from templates/app/databrew_job/"
    )
    raw_prefix: str = Field(
        "raw/customers/",
        pattern=r"^[a-z0-9_\-/]+/$",
        description="the prefix of the raw bucket whose CSV files are the dataset",
    )
    clean_prefix: str = Field(
        "clean/customers/",
        pattern=r"^[a-z0-9_\-/]+/$",
        description="the prefix of the clean bucket the job writes Parquet to",
    )
    max_capacity: int = Field(
        2, ge=1, le=149, description="nodes a run may use at most (billed per node-hour)"
    )
    timeout_minutes: int = Field(60, ge=1, le=2880, description="a run that runs longer fails")


class DataBrewJob(Kind):
    name = "databrew.job"
    title = "Glue DataBrew job"
    doc = (
        "A Glue DataBrew recipe job with its dataset (CSV files under a prefix) and its recipe "
        "(JSON steps): it writes Parquet under a prefix of another bucket, encrypted with SSE-KMS "
        "under that bucket's key; the recipe hashes with a key kept in a Secrets Manager secret "
        "it creates, encrypted with a key of its own (rotated yearly); a role with no AWS "
        "managed policy."
    )
    icon = Icon("generator.icons", "DataBrew")
    resource_types = (
        "AWS::DataBrew::Dataset",
        "AWS::DataBrew::Recipe",
        "AWS::DataBrew::Job",
        "AWS::SecretsManager::Secret",
        "AWS::KMS::Key",
        "AWS::IAM::Role",
    )
    supporting_types = ("AWS::IAM::Policy",)
    template = "kinds/databrew_job.py.j2"
    imports = (
        "from aws_cdk import aws_databrew as databrew",
        "from aws_cdk import aws_iam as iam",
        "from aws_cdk import aws_kms as kms",
        "from aws_cdk import aws_s3 as s3",
        "from aws_cdk import aws_secretsmanager as secretsmanager",
        "from aws_cdk import RemovalPolicy",
        "from aws_cdk import Validations",
        "from aws_cdk import Acknowledgment",
        "import json",
    )
    props = DataBrewJobProps
    exports = {
        "job": Export("databrew.CfnJob", "the recipe job"),
        "role": Export("iam.Role", "the role it runs as"),
        "key": Export("kms.Key", "the key that encrypts its hashing secret"),
    }
    slots = {
        "raw": Slot(
            "the bucket whose CSV files under raw_prefix are the dataset",
            "s3.IBucket",
            required=True,
        ),
        "clean": Slot(
            "the bucket it writes Parquet to, under clean_prefix", "s3.IBucket", required=True
        ),
    }
    secure_defaults = (
        SecureDefault(
            "AWS::DataBrew::Job",
            {"EncryptionMode": "SSE-KMS"},
            "DataBrew jobs encrypt their output with a customer-managed key.",
        ),
        KEYS_ROTATE,
    )
    app_files = (AppFile("databrew/{id}/{recipe}.json", "app/{folder}/{recipe}.json.j2"),)
    lifecycle = Lifecycle(
        costs=(
            Cost(
                "AWS::DataBrew::Job",
                "per node-hour while a run runs (up to {max_capacity} nodes), billed per "
                "minute; nothing while no run runs",
                "https://aws.amazon.com/glue/pricing/",
                PRICING_CHECKED,
                idle=False,
            ),
            Cost(
                "AWS::SecretsManager::Secret",
                "per secret per month, and per 10,000 API calls (each run reads it)",
                "https://aws.amazon.com/secrets-manager/pricing/",
                PRICING_CHECKED,
            ),
            KMS_KEYS_BILL_MONTHLY,
        ),
        kept={
            "AWS::KMS::Key": (
                "CDK keeps KMS keys unless told otherwise. This one encrypted the hashing "
                "secret, which goes with the stack: schedule its deletion (aws kms "
                "schedule-key-deletion) once the stack is gone."
            ),
        },
        run="run/databrew_job.md.j2",
    )
