"""The connector lambda.function -> opensearch.domain: the function sets the domain up at deploy.

The function (application code `opensearch_setup`) is the domain's custom-resource
handler: it applies the index template and the index state management policy this
connector ships beside it (`lambda/<function id>/*.json`, from the domain's props) and the
writers' role mappings, signing its requests as the domain's master user. It must run in
the domain's VPC, since a VPC domain has no public endpoint.
"""

from generator.kinds.base import ANY, AppFile, Connector

CONNECTOR = Connector(
    source="lambda.function",
    target="opensearch.domain",
    doc=(
        "the function applies the domain's index template, index state management policy and "
        "writer role mappings at deploy (a custom resource), over HTTPS in the VPC, signed as "
        "the domain's master user"
    ),
    expression="connectors/lambda_function__opensearch_domain.py.j2",
    fills=("target", "setup"),
    requires={"source": {"vpc": ANY}},
    app_files=(
        AppFile("lambda/{source}/index_template.json", "app/{folder}/index_template.json.j2"),
        AppFile("lambda/{source}/ism_policy.json", "app/{folder}/ism_policy.json.j2"),
    ),
)
