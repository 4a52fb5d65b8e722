"""AWS Lambda function whose handler archgen ships as application code.

With a `vpc` prop it runs in the VPC's private subnets, behind a security group
that lets out only HTTPS (AWS APIs through endpoints or NAT) until a flow opens
a port to what it calls. Its role then gets the network-interface actions
Lambda needs to place it there as an inline statement, not the AWS managed
policy AWSLambdaVPCAccessExecutionRole (which also grants logs:CreateLogGroup
on every group).

With `modules`, it ships shared modules beside its handler (the image-resizing code both
an S3 Object Lambda handler and a function-URL handler import), one source for both.

With `requirements` (pinned third-party packages, such as a Redis client or
Pillow) the function ships a requirements.txt beside its handler, and the
stack installs the packages at synth with pip, for the Lambda platform: the
manylinux wheels of the function's architecture and Python version, never a
source build and never Docker (a local bundler; see the module code). The
asset's hash covers the handler's folder, requirements.txt included, the
runtime's build image and the architecture, so the template is the same on
every machine whatever pip downloads; the installed packages are cached per
requirements and platform, so a second synth does not call pip.
"""

import re
from typing import Annotated, Literal

from pydantic import Field, field_validator

from generator.kinds.base import (
    LOG_DATA,
    LOG_GROUPS_EXPIRE_ENCRYPTED,
    PRICING_CHECKED,
    AppCode,
    AppFile,
    Cost,
    Export,
    Icon,
    Kind,
    Lifecycle,
    Props,
    SecureDefault,
    app_code,
    component_ref,
)


class LambdaProps(Props):
    code: app_code(
        "lambda_function", ".py", doc="which handler from templates/app/lambda_function/ it runs"
    )
    timeout_s: int = Field(60, ge=1, le=900)
    memory_mib: int = Field(256, ge=128, le=10240)
    vpc: component_ref(
        "ec2.vpc",
        export="vpc",
        optional=True,
        doc=(
            "the VPC whose private subnets it runs in, to reach what has no public endpoint "
            "(a database, a cache, a search domain); left out, it runs outside any VPC"
        ),
    ) = None
    architecture: Literal["x86_64", "arm64"] = Field(
        "x86_64",
        description=(
            "the instruction set it runs on; arm64 (Graviton) costs less per GB-second, and "
            "the packages of requirements are installed for it"
        ),
    )
    modules: Annotated[
        list[str],
        AppCode("lambda_function/modules", ".py"),
        Field(
            default_factory=list,
            description=(
                "modules from templates/app/lambda_function/modules/ shipped beside the handler "
                "(lambda/<id>/<module>.py), so that two handlers can share one piece of logic"
            ),
        ),
    ]
    requirements: list[str] = Field(
        default_factory=list,
        description=(
            "third-party packages, each pinned to one version (redis==7.1.0), installed at "
            "synth with pip from manylinux wheels for the Lambda platform"
        ),
    )

    @field_validator("requirements")
    @classmethod
    def _pinned(cls, requirements: list[str]) -> list[str]:
        for requirement in requirements:
            if not PINNED.fullmatch(requirement):
                raise ValueError(
                    f"requirement {requirement!r} must name one package pinned to one version, "
                    "such as redis==7.1.0, so that every synth installs the same files"
                )
        names = [PINNED.fullmatch(r).group("name").lower().replace("_", "-") for r in requirements]
        if len(set(names)) != len(names):
            raise ValueError("requirements name a package twice")
        return requirements


# A package name (PEP 508), optional extras, and == one version (PEP 440, no wildcard).
PINNED = re.compile(
    r"(?P<name>[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)(?:\[[A-Za-z0-9._,-]+\])?"
    r"==[0-9][0-9A-Za-z.+!-]*"
)


class LambdaFunction(Kind):
    name = "lambda.function"
    title = "Lambda function"
    doc = (
        "A Python 3.14 Lambda function with X-Ray tracing, its own role and a log group kept "
        "for a month, encrypted with the stack's logs key."
    )
    icon = Icon("diagrams.aws.compute", "Lambda")
    resource_types = ("AWS::Lambda::Function", "AWS::IAM::Role", "AWS::Logs::LogGroup")
    supporting_types = (
        "AWS::IAM::Policy",
        "AWS::EC2::SecurityGroup",
        "AWS::EC2::SecurityGroupEgress",
        # A function URL, which a flow from CloudFront adds (AWS_IAM auth, signed by OAC).
        "AWS::Lambda::Url",
    )
    needs = ("logs_key",)
    exports = {
        "function": Export("lambda_.Function", "the function"),
        "role": Export("iam.Role", "its execution role"),
        "security_group": Export(
            "ec2.SecurityGroup | None",
            "its security group in the VPC (HTTPS out only, until a flow opens a port); None "
            "outside a VPC",
        ),
    }
    secure_defaults = (
        SecureDefault(
            "AWS::Lambda::Function",
            {"TracingConfig": {"Mode": "Active"}},
            "Functions trace with X-Ray.",
        ),
        LOG_GROUPS_EXPIRE_ENCRYPTED,
    )
    template = "kinds/lambda_function.py.j2"
    imports = (
        "from aws_cdk import aws_lambda as lambda_",
        "from aws_cdk import aws_logs as logs",
        "from aws_cdk import aws_iam as iam",
        "from aws_cdk import Duration",
        "from aws_cdk import RemovalPolicy",
        "from aws_cdk import Validations",
        "from aws_cdk import Acknowledgment",
        "from aws_cdk import aws_ec2 as ec2",
        "from aws_cdk import BundlingOptions",
        "from aws_cdk import ILocalBundling",
        "import hashlib",
        "import os",
        "import shutil",
        "import subprocess",
        "import sys",
        "import tempfile",
    )
    props = LambdaProps
    module_code = "kinds/lambda_function.module.py.j2"
    module_code_when = "requirements"
    app_files = (
        AppFile("lambda/{id}/index.py", "app/{folder}/{code}.py.j2"),
        AppFile("lambda/{id}/{modules}.py", "app/{folder}/modules/{modules}.py.j2", "modules"),
        AppFile("lambda/{id}/requirements.txt", "app/{folder}/requirements.txt.j2", "requirements"),
    )
    lifecycle = Lifecycle(
        costs=(
            Cost(
                "AWS::Lambda::Function",
                "per request and per GB-second of run time",
                "https://aws.amazon.com/lambda/pricing/",
                PRICING_CHECKED,
                idle=False,
            ),
            LOG_DATA,
        ),
        run="run/lambda_function.md.j2",
    )
