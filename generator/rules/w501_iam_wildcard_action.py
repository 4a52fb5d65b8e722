"""W501: an IAM policy allows every action, or every action of a service."""

from generator.rules.base import Rule

POLICY_TYPES = ("AWS::IAM::Policy", "AWS::IAM::ManagedPolicy", "AWS::IAM::Role")


def _documents(properties: dict):
    if "PolicyDocument" in properties:
        yield properties["PolicyDocument"]
    for policy in properties.get("Policies", []):
        yield policy.get("PolicyDocument", {})


class IamWildcardAction(Rule):
    id = "W501"
    shortdesc = "IAM policy with '*' or 'service:*' actions"
    description = (
        "A grant method (bucket.grant_read, table.grant_read_data, ...) names the actions a "
        "principal needs; an Allow of '*' or 'service:*' gives it everything the service can do."
    )
    source_url = (
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege"
    )
    fix = "replace the statement with the construct's grant method or the exact actions"
    resource_types = POLICY_TYPES

    def match(self, logical_id, properties):
        for document in _documents(properties):
            for statement in document.get("Statement", []):
                if statement.get("Effect") != "Allow":
                    continue
                actions = statement.get("Action", [])
                for action in [actions] if isinstance(actions, str) else actions:
                    if isinstance(action, str) and (action == "*" or action.endswith(":*")):
                        yield f"allows the action '{action}'"
