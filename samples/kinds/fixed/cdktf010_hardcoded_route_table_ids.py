"""Sample for CDKTF010 (hardcoded-route-table-ids), fixed: the endpoint references
the route tables that the stack creates.
"""
from constructs import Construct
from cdktf import App, TerraformStack
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.vpc import Vpc
from cdktf_cdktf_provider_aws.subnet import Subnet
from cdktf_cdktf_provider_aws.route_table import RouteTable
from cdktf_cdktf_provider_aws.route_table_association import RouteTableAssociation
from cdktf_cdktf_provider_aws.vpc_endpoint import VpcEndpoint

REGION = "eu-west-1"


class PrivateNetworkStack(TerraformStack):
    def __init__(self, scope: Construct, id: str):
        super().__init__(scope, id)
        AwsProvider(self, "aws", region=REGION)

        vpc = Vpc(self, "vpc", cidr_block="10.40.0.0/16", enable_dns_hostnames=True)
        tables = []
        for i, az in enumerate(["a", "b"]):
            subnet = Subnet(self, f"private-{az}", vpc_id=vpc.id,
                            cidr_block=f"10.40.{i}.0/24", availability_zone=f"{REGION}{az}")
            table = RouteTable(self, f"private-rt-{az}", vpc_id=vpc.id)
            RouteTableAssociation(self, f"private-rta-{az}", subnet_id=subnet.id,
                                  route_table_id=table.id)
            tables.append(table)

        VpcEndpoint(
            self, "s3-gateway", vpc_id=vpc.id,
            service_name=f"com.amazonaws.{REGION}.s3", vpc_endpoint_type="Gateway",
            route_table_ids=[table.id for table in tables],
        )


app = App()
PrivateNetworkStack(app, "private-network")
app.synth()
