"""The connector external.data_provider -> dataexchange.event_action.

The provider publishes revisions of a data set this account is entitled to. Its id
is known only once someone subscribed, in the console, so it is a stack parameter,
constrained to the form the event action's own schema gives a data set id
(30 to 40 letters and digits; the ids AWS shows are 32 hexadecimal characters).
https://docs.aws.amazon.com/data-exchange/latest/apireference/API_RevisionPublished.html
"""

from generator.kinds.base import Connector

CONNECTOR = Connector(
    source="external.data_provider",
    target="dataexchange.event_action",
    doc=(
        "the event action watches the provider's data set, whose id (from your subscription) "
        "is a stack parameter"
    ),
    expression="connectors/external_data_provider__dataexchange_event_action.py.j2",
    fills=("target", "data_set_id"),
    imports=("from aws_cdk import CfnParameter",),
    evidence="none",
)
