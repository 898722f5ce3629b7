"""Sample for CDKTF001 (multiple-stacks): two TerraformStack classes on one App.

Both stacks synthesize; the second one reads the first one's VPC through a
cross-stack reference, which cdktf turns into outputs and remote state.
"""
from constructs import Construct
from cdktf import App, TerraformStack, TerraformOutput
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.vpc import Vpc
from cdktf_cdktf_provider_aws.subnet import Subnet
from cdktf_cdktf_provider_aws.security_group import SecurityGroup


class NetworkStack(TerraformStack):
    def __init__(self, scope: Construct, id: str):
        super().__init__(scope, id)
        AwsProvider(self, "aws", region="eu-west-1")
        self.vpc = Vpc(self, "vpc", cidr_block="10.20.0.0/16")
        Subnet(self, "private-a", vpc_id=self.vpc.id, cidr_block="10.20.1.0/24",
               availability_zone="eu-west-1a")


class ServiceStack(TerraformStack):
    def __init__(self, scope: Construct, id: str, vpc: Vpc):
        super().__init__(scope, id)
        AwsProvider(self, "aws", region="eu-west-1")
        sg = SecurityGroup(self, "service-sg", name="ledger-service", vpc_id=vpc.id)
        TerraformOutput(self, "service_sg_id", value=sg.id)


app = App()
network = NetworkStack(app, "ledger-network")
ServiceStack(app, "ledger-service", vpc=network.vpc)
app.synth()
