"""The connector ec2.instance -> rds.instance: the instance connects to the database.

The database's security group admits the instance's on the database port; the
instance reads the host, port and credentials from the admin secret (granted here)
and connects with TLS, which the database forces.
"""

from generator.kinds.base import Connector

CONNECTOR = Connector(
    source="ec2.instance",
    target="rds.instance",
    doc=(
        "the database's security group admits the instance on its port, and the instance may "
        "read the database's secret"
    ),
    wiring="connectors/ec2_instance__rds_instance.wiring.py.j2",
)
