"""Reading the lifecycle sections of a teaching page or a starter README, and checking them.

What `cdk destroy` keeps, and what the stack costs while idle, are tables derived
from the template; these checks hold them against the template itself, so that a
page that says something the template does not do fails a test.
"""

from __future__ import annotations

import re
from datetime import date

# Resources that bill by the hour or month while they exist, whatever passes through them.
ALWAYS_ON = (
    "AWS::EC2::NatGateway",
    "AWS::EC2::EIP",
    "AWS::DMS::ReplicationInstance",
    "AWS::MWAA::Environment",
    "AWS::Redshift::Cluster",
    "AWS::RDS::DBCluster",
    "AWS::SecretsManager::Secret",
    "AWS::KMS::Key",
)
KEEPING = ("Retain", "RetainExceptOnCreate", "Snapshot")
PRICING_PAGE = re.compile(r"^https://aws\.amazon\.com/[a-z0-9-]+(/[a-z0-9-]+)*/pricing/$")


def sections(markdown: str) -> dict[str, str]:
    """Each level-two heading's text, by heading, in order."""
    found: dict[str, str] = {}
    heading = None
    for line in markdown.splitlines():
        if line.startswith("## "):
            heading = line[3:].strip()
            found[heading] = ""
        elif heading is not None:
            found[heading] += line + "\n"
    return found


def table_rows(text: str) -> list[list[str]]:
    """The cells of every row of every Markdown table in text, headers left out."""
    rows = []
    lines = text.splitlines()
    for index, line in enumerate(lines):
        if not line.startswith("|") or re.fullmatch(r"\|(\s*-+\s*\|)+", line):
            continue
        if index + 1 < len(lines) and re.fullmatch(r"\|(\s*-+\s*\|)+", lines[index + 1]):
            continue  # a header row
        rows.append([cell.strip() for cell in line.strip("|").split(" | ")])
    return rows


def kept_in_template(template: dict) -> dict[str, str]:
    return {
        logical_id: resource["DeletionPolicy"]
        for logical_id, resource in template["Resources"].items()
        if resource.get("DeletionPolicy") in KEEPING
    }


def check_teardown(section: str, template: dict) -> None:
    """The Tear down table lists exactly the resources the template keeps, each with a reason."""
    rows = table_rows(section)
    listed = {row[0].strip("`"): row[3] for row in rows}
    assert listed == kept_in_template(template)
    for row in rows:
        assert template["Resources"][row[0].strip("`")]["Type"] == row[1]
        assert row[4] and row[4] != "(no reason given)", row


def check_costs(section: str, template: dict) -> None:
    """Every cost row links an AWS pricing page with its date, and counts what the template
    has; every always-on resource of the template is billed in the idle table."""
    idle_text, _, used_text = section.partition("Billed only for what they do:")
    for text in (idle_text, used_text):
        for row in table_rows(text):
            link = re.fullmatch(r"\[[^\]]+\]\((?P<url>[^)]+)\) \((?P<checked>[0-9-]+)\)", row[3])
            assert link, row
            assert PRICING_PAGE.match(link["url"]), row
            assert date.fromisoformat(link["checked"]) <= date.today()
    idle: dict[str, int] = {}
    for row in table_rows(idle_text):
        resource_type, _, count = row[1].partition(" × ")
        if resource_type != "AWS::RDS::DBInstance" or "ACU-hour" in row[2]:
            idle[resource_type] = idle.get(resource_type, 0) + int(count or 1)
    types = [resource["Type"] for resource in template["Resources"].values()]
    for resource_type in ALWAYS_ON:
        assert idle.get(resource_type, 0) == types.count(resource_type), resource_type
    paused = [
        r["Properties"].get("ServerlessV2ScalingConfiguration", {}).get("MinCapacity", 0) == 0
        for r in template["Resources"].values()
        if r["Type"] == "AWS::RDS::DBCluster"
    ]
    if paused and not all(paused):  # instances of a cluster that never pauses bill ACU-hours
        assert idle.get("AWS::RDS::DBInstance", 0) == types.count("AWS::RDS::DBInstance")
