"""People or applications outside AWS that send or read data: drawn, never deployed."""

from generator.kinds.base import Icon, Kind


class ExternalClients(Kind):
    name = "external.clients"
    title = "Clients"
    doc = "Applications or users outside the stack (producers, analysts); no resources."
    icon = Icon("diagrams.onprem.client", "Users")
