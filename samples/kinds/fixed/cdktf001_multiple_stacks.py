"""Sample for CDKTF001 (multiple-stacks), merged by hand into one stack.

cdktf-fix only reports this entry and never merges stacks: the merge below is what
a reviewer would do when the split has no deployment reason.
"""
from constructs import Construct
from cdktf import App, TerraformStack, TerraformOutput
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.vpc import Vpc
from cdktf_cdktf_provider_aws.subnet import Subnet
from cdktf_cdktf_provider_aws.security_group import SecurityGroup


class LedgerStack(TerraformStack):
    def __init__(self, scope: Construct, id: str):
        super().__init__(scope, id)
        AwsProvider(self, "aws", region="eu-west-1")
        vpc = Vpc(self, "vpc", cidr_block="10.20.0.0/16")
        Subnet(self, "private-a", vpc_id=vpc.id, cidr_block="10.20.1.0/24",
               availability_zone="eu-west-1a")
        sg = SecurityGroup(self, "service-sg", name="ledger-service", vpc_id=vpc.id)
        TerraformOutput(self, "service_sg_id", value=sg.id)


app = App()
LedgerStack(app, "ledger")
app.synth()
