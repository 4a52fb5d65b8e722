"""A third-party data provider on AWS Data Exchange: drawn, never deployed.

The provider publishes a product in AWS Marketplace; the subscription to it is made
in the AWS Data Exchange console (or AWS Marketplace), not by CloudFormation, which
has no resource for subscribing. What the stack needs from it, the id of the
entitled data set, the connector from it makes a stack parameter.
"""

from generator.kinds.base import Icon, Kind


class ExternalDataProvider(Kind):
    name = "external.data_provider"
    title = "Data provider"
    doc = (
        "A third-party provider whose data product you subscribed to on AWS Data Exchange; "
        "no resources: the entitled data set's id is a stack parameter."
    )
    icon = Icon("diagrams.aws.general", "GenericOfficeBuilding")
