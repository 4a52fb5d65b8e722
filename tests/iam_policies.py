"""Reading a synthesized template's IAM policies and S3 paths, for the least-privilege tests.

Intrinsics are rendered as text so that ARNs and paths can be compared: {"Ref": "X"}
becomes "<X>", {"Fn::GetAtt": ["X", "Arn"]} "<X.Arn>" (cdk-nag's own notation), and
Fn::Join joins its parts. S3 prefixes are read from what the code and template say,
never from archgen's declarations, so that the tests check one against the other.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

# An S3 key prefix as code names it: folders ending in "/" (raw/orders/, curated/orders/).
PREFIX = re.compile(r"^(?:[A-Za-z0-9_.=\-]+/)+$")
# A bucket URI or a placeholder for one at the start of a path: s3://<X>/, {source}/.
BUCKET_HEAD = re.compile(r"^(?:s3://[^/]+/|\{[a-z_]+\}/)")


def text(value: Any) -> str:
    """An intrinsic as text, in cdk-nag's notation for references."""
    if isinstance(value, str):
        return value
    if isinstance(value, dict) and len(value) == 1:
        ((name, arg),) = value.items()
        if name == "Ref":
            return f"<{arg}>"
        if name == "Fn::GetAtt":
            return f"<{arg[0]}.{arg[1]}>"
        if name == "Fn::Join":
            return arg[0].join(text(part) for part in arg[1])
        if name == "Fn::Sub":
            return arg if isinstance(arg, str) else arg[0]
    return repr(value)


def as_list(value: Any) -> list:
    return value if isinstance(value, list) else [value]


@dataclass(frozen=True)
class Statement:
    policy: str  # the policy's logical id
    roles: tuple[str, ...]  # logical ids of the roles it is attached to
    actions: tuple[str, ...]
    resources: tuple[str, ...]
    conditions: dict


def statements(template: dict) -> Iterator[Statement]:
    """Every Allow statement of every AWS::IAM::Policy, with its resources as text."""
    for logical_id, resource in template["Resources"].items():
        if resource["Type"] != "AWS::IAM::Policy":
            continue
        props = resource["Properties"]
        roles = tuple(text(r).strip("<>") for r in props.get("Roles", []))
        for st in props["PolicyDocument"]["Statement"]:
            if st.get("Effect") != "Allow":
                continue
            yield Statement(
                logical_id,
                roles,
                tuple(as_list(st.get("Action", []))),
                tuple(text(r) for r in as_list(st.get("Resource", []))),
                st.get("Condition", {}),
            )


def roles_trusting(template: dict, service: str) -> list[str]:
    """Logical ids of the roles a service principal may assume."""
    found = []
    for logical_id, resource in template["Resources"].items():
        if resource["Type"] != "AWS::IAM::Role":
            continue
        trust = resource["Properties"]["AssumeRolePolicyDocument"]["Statement"]
        principals = [as_list(st.get("Principal", {}).get("Service", [])) for st in trust]
        if any(service in text(p) for group in principals for p in group):
            found.append(logical_id)
    return found


def folder(path: str) -> str:
    """A path up to its last "/" before anything resolved at run time (!{...}, ${...})."""
    fixed = re.split(r"[!$]\{", path, maxsplit=1)[0]
    return fixed[: fixed.rfind("/") + 1]


def prefixes_in_code(path: str, code: str) -> set[str]:
    """The S3 key prefixes a file of application code names, as string literals.

    Python: every string constant; SQL: every quoted literal. A leading bucket URI or
    placeholder (s3://bucket/, {source}/) is dropped. Prose (docstrings, comments) never
    matches the shape of a prefix.
    """
    if path.endswith(".py"):
        found = [
            node.value
            for node in ast.walk(ast.parse(code))
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
        ]
    elif path.endswith(".sql"):
        found = re.findall(r"'([^']*)'", code)
    else:
        return set()
    named = set()
    for literal in found:
        rest = BUCKET_HEAD.sub("", literal)
        if PREFIX.match(rest):
            named.add(rest)
    return named


def prefixes_in_resource(properties: Any, bucket: str) -> set[str]:
    """The S3 prefixes of bucket (a logical id) that a resource's properties name.

    A path s3://<bucket>/... anywhere, and any property named ...Prefix beside a
    reference to the bucket (Firehose's Prefix next to BucketARN, a deployment's
    DestinationBucketKeyPrefix next to DestinationBucketName).
    """
    named: set[str] = set()
    ref = re.compile(rf"^<{re.escape(bucket)}(\.Arn)?>$")

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            rendered = (
                text(node)
                if len(node) == 1 and next(iter(node)).startswith(("Ref", "Fn::"))
                else None
            )
            if rendered is not None:
                head = f"s3://<{bucket}>/"
                if rendered.startswith(head):
                    named.add(folder(rendered[len(head) :]))
                return
            if any(isinstance(v, (dict, str)) and ref.match(text(v)) for v in node.values()):
                for key, value in node.items():
                    if key.endswith("Prefix") and isinstance(value, str):
                        named.add(folder(value))
                        # A prefix that is a folder name the service adds "/" to (an Athena
                        # connector's SpillPrefix: <prefix>/<query id>/<split id>) names that
                        # folder too.
                        if value and not value.endswith("/") and "{" not in value:
                            named.add(value + "/")
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(properties)
    return named
