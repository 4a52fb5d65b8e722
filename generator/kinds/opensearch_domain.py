"""Amazon OpenSearch Service domain in a VPC, for search and real-time analytics (T20).

The domain runs in the VPC's isolated subnets, one data node group per AZ with zone
awareness (a replica of every shard in another AZ), encrypts its data with a KMS key of
its own and between nodes, takes HTTPS only with TLS 1.2 or later, and turns on
fine-grained access control whose master user is an IAM role (the master role, which the
account's administrators may assume). Audit, search and indexing slow logs and error
logs go to log groups it creates, encrypted with the stack's logs key; OpenSearch Service
writes to them under a CloudWatch Logs resource policy the stack makes for exactly those
groups (instead of the custom resource the CDK L2 would add for it).

There is no domain access policy: access is decided by the callers' own IAM policies
(the master role's, a writer's) and then by fine-grained access control, the layout the
OpenSearch Service documentation shows for a VPC domain with an IAM master user.

A domain is only useful once it knows its indices: the `setup` slot (a lambda.function in
the VPC, through the lambda.function -> opensearch.domain connector) applies the index
template and the index state management policy at deploy as a custom resource, signed as
the master role, and `writer(role, name)` maps a writer's IAM role (a Firehose delivery
role) to an OpenSearch security role that may write to the rolling index.
"""

from typing import Literal

from pydantic import Field

from generator.kinds.base import (
    ANY,
    KEYS_ROTATE,
    KMS_KEYS_BILL_MONTHLY,
    LOG_DATA,
    LOG_GROUPS_EXPIRE_ENCRYPTED,
    PRICING_CHECKED,
    Cost,
    Export,
    Icon,
    Kind,
    Lifecycle,
    Props,
    SecureDefault,
    Slot,
    component_ref,
)
from generator.kinds.kinesis_firehose import RETENTION_DAYS


class OpenSearchDomainProps(Props):
    vpc: component_ref(
        "ec2.vpc",
        export="vpc",
        doc="the VPC whose isolated subnets it runs in, one per AZ (zone awareness over all)",
    )
    engine_version: str = Field(
        "3.3",
        pattern=r"^[1-9]\.[0-9]{1,2}$",
        description="OpenSearch version (OpenSearch_X.Y); `aws opensearch list-versions` lists "
        "what a Region offers",
    )
    instance_type: str = Field(
        "m7g.large.search",
        pattern=r"^[a-z0-9]+\.[a-z0-9]+\.search$",
        description="data node instance type",
    )
    nodes_per_az: int = Field(1, ge=1, le=10, description="data nodes in each AZ of the VPC")
    dedicated_masters: Literal[0, 3] = Field(
        0,
        description=(
            "dedicated cluster manager nodes: 0, or 3 (what OpenSearch Service recommends for "
            "production domains)"
        ),
    )
    volume_gib: int = Field(20, ge=10, le=1024, description="gp3 EBS storage per data node")
    index: str = Field(
        "events",
        pattern=r"^[a-z][a-z0-9_]{0,30}$",
        description=(
            "the rolling index's write alias: writers index into it, the index template and "
            "the ISM policy match its indices (<index>-000001, ...)"
        ),
    )
    rollover_after_days: int = Field(
        1, ge=1, le=30, description="ISM rolls the write index over after this many days"
    )
    rollover_shard_gb: int = Field(
        30, ge=1, le=50, description="... or once a primary shard reaches this many GB"
    )
    delete_after_days: int = Field(
        30, ge=1, le=3650, description="ISM deletes an index this many days after its rollover"
    )
    log_retention_days: Literal[tuple(RETENTION_DAYS)] = Field(  # type: ignore[valid-type]
        30, description="days CloudWatch Logs keeps the domain's audit, slow and error logs"
    )
    removal: Literal["destroy", "retain"] = Field(
        "destroy",
        description=(
            "destroy deletes the domain, its data and its key with the stack; retain keeps "
            "them after cdk destroy (delete them by hand)"
        ),
    )

    @property
    def retention(self) -> str:
        return RETENTION_DAYS[self.log_retention_days]


class OpenSearchDomain(Kind):
    name = "opensearch.domain"
    title = "OpenSearch Service"
    doc = (
        "An OpenSearch Service domain in a VPC's isolated subnets with zone awareness across "
        "its AZs, data encrypted with its own KMS key and between nodes, HTTPS only (TLS 1.2 "
        "or later), fine-grained access control whose master user is an IAM role, and audit, "
        "slow and error logs in encrypted log groups it creates; a custom resource applies "
        "its index template and index state management policy at deploy."
    )
    icon = Icon("diagrams.aws.analytics", "AmazonOpensearchService")
    resource_types = (
        "AWS::OpenSearchService::Domain",
        "AWS::KMS::Key",
        "AWS::Logs::LogGroup",
        "Custom::OpenSearchIndexSetup",
    )
    supporting_types = (
        "AWS::EC2::SecurityGroup",
        "AWS::EC2::SecurityGroupIngress",
        "AWS::IAM::Role",
        "AWS::IAM::Policy",
        "AWS::Logs::ResourcePolicy",
        "Custom::OpenSearchWriter",
    )
    needs = ("logs_key",)
    exports = {
        "domain": Export("opensearch.Domain", "the domain"),
        "master_role": Export(
            "iam.Role",
            "fine-grained access control's master user: the account's administrators and the "
            "setup function may assume it",
        ),
        "security_group": Export(
            "ec2.SecurityGroup", "the domain's security group (HTTPS in from its clients only)"
        ),
        "vpc": Export("ec2.IVpc", "the VPC it runs in"),
        "subnets": Export("ec2.SubnetSelection", "the subnets its nodes run in"),
        "writer": Export(
            "Callable[[iam.IRole, str], CustomResource]",
            "writer(role, name): maps an IAM role to an OpenSearch security role (name) that "
            "may index into the rolling index, at deploy; the custom resource doing it",
        ),
    }
    secure_defaults = (
        SecureDefault(
            "AWS::OpenSearchService::Domain",
            {
                "EncryptionAtRestOptions": {"Enabled": True, "KmsKeyId": ANY},
                "NodeToNodeEncryptionOptions": {"Enabled": True},
                "AdvancedSecurityOptions": {
                    "Enabled": True,
                    "InternalUserDatabaseEnabled": False,
                    "MasterUserOptions": {"MasterUserARN": ANY},
                },
                "VPCOptions": {"SubnetIds": ANY, "SecurityGroupIds": ANY},
                "ClusterConfig": {"ZoneAwarenessEnabled": True},
            },
            "Domains run in a VPC across AZs, encrypt at rest with their own key and between "
            "nodes, and use fine-grained access control with an IAM master user.",
        ),
        SecureDefault(
            "AWS::OpenSearchService::Domain",
            {
                "DomainEndpointOptions": {
                    "EnforceHTTPS": True,
                    "TLSSecurityPolicy": ANY,
                }
            },
            "Domains accept HTTPS only, with TLS 1.2 or later.",
            tls=True,
        ),
        KEYS_ROTATE,
        LOG_GROUPS_EXPIRE_ENCRYPTED,
    )
    template = "kinds/opensearch_domain.py.j2"
    imports = (
        "from aws_cdk import aws_opensearchservice as opensearch",
        "from aws_cdk import aws_ec2 as ec2",
        "from aws_cdk import aws_iam as iam",
        "from aws_cdk import aws_kms as kms",
        "from aws_cdk import aws_logs as logs",
        "from aws_cdk import CustomResource",
        "from aws_cdk import RemovalPolicy",
        "from aws_cdk import Size",
        "from aws_cdk import Validations",
        "from aws_cdk import Acknowledgment",
        "import hashlib",
        "from collections.abc import Callable",
    )
    props = OpenSearchDomainProps
    slots = {
        "setup": Slot(
            "the function that applies the index template, the ISM policy and the writers' "
            "role mappings at deploy: {'function': the lambda_.Function (in the VPC), "
            "'definitions': the Path of the JSON files it applies}",
            "dict",
            required=True,
        ),
    }

    @classmethod
    def describe(cls, props: Props) -> str:
        kept = (
            "deleted with the stack"
            if props.removal == "destroy"
            else "kept after the stack is destroyed (delete them by hand)"
        )
        return (
            f"{cls.doc} OpenSearch {props.engine_version} on {props.instance_type}, "
            f"{props.nodes_per_az} data node(s) per AZ, {props.volume_gib} GiB gp3 each, "
            f"{props.dedicated_masters} dedicated cluster manager nodes. ISM rolls the "
            f"`{props.index}` write index over after {props.rollover_after_days} day(s) or "
            f"{props.rollover_shard_gb} GB per primary shard, and deletes each index "
            f"{props.delete_after_days} days after its rollover. Logs are kept "
            f"{props.log_retention_days} days; the domain, its data and its key are {kept} "
            "(prop removal)."
        )

    lifecycle = Lifecycle(
        costs=(
            Cost(
                "AWS::OpenSearchService::Domain",
                "per instance-hour of each data (and dedicated cluster manager) node, and per "
                "GB-month of EBS storage, while the domain exists",
                "https://aws.amazon.com/opensearch-service/pricing/",
                PRICING_CHECKED,
            ),
            KMS_KEYS_BILL_MONTHLY,
            LOG_DATA,
        ),
        kept={
            "AWS::OpenSearchService::Domain": (
                "removal: retain keeps the domain and its indices, which hold the only copy of "
                "the documents delivered into it"
            ),
            "AWS::KMS::Key": (
                "removal: retain keeps the key that encrypts the retained domain's data"
            ),
        },
        leaves_behind=(
            "OpenSearch Service: the service-linked role AWSServiceRoleForAmazonOpenSearchService, "
            "which it creates with the account's first domain to place a VPC domain's network "
            "interfaces, and which it needs for any later one.",
        ),
        run="run/opensearch_domain.md.j2",
    )
