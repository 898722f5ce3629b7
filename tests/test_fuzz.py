"""Fuzz the engine with stacks assembled from realistic and hostile fragments.

hypothesis draws statements from a pool: valid and broken provider imports,
calls with keywords drawn from the provider index (right, misspelled,
camelCase), dicts and lists in every shape, and Python forms a stack rarely
contains (decorators, lambdas, walrus, star arguments, nested functions). Whatever
comes out, the engine must not crash, and fixed output must parse and be a
fixpoint.

`CDKTF_FIX_FUZZ_EXAMPLES` sets the number of examples (default 150, about 30 s
on the 2-core build machine).
"""

from __future__ import annotations

import ast
import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cdktf_fix.catalog import all_entries
from cdktf_fix.engine import Engine
from cdktf_fix.index import load_index
from cdktf_fix.options import Options

INDEX = load_index()
ENGINE = Engine(all_entries(), Options(unsafe_fixes=True), INDEX)
EXAMPLES = int(os.environ.get("CDKTF_FIX_FUZZ_EXAMPLES", "150"))

CLASSES = [
    ("s3_bucket_versioning", "S3BucketVersioningA", "S3BucketVersioning"),
    ("s3_bucket", "S3Bucket", "S3Bucket"),
    ("rds_cluster", "RdsCluster", "RdsCluster"),
    ("ecs_cluster", "EcsCluster", "EcsCluster"),
    ("wafv2_web_acl", "Wafv2WebAclRule", "Wafv2WebAclRule"),
    ("s3_bucket_lifecycle_configuration", "S3BucketLifecycleConfigurationRule", "S3BucketLifecycleConfigurationRule"),
    ("kms_key", "KmsKey", "KmsKey"),
    ("cloudwatch_log_group", "CloudwatchLogGroup", "CloudwatchLogGroup"),
    ("vpc_endpoint", "VpcEndpoint", "VpcEndpoint"),
    ("route_table", "RouteTable", "RouteTable"),
    ("acm_certificate", "AcmCertificate", "AcmCertificate"),
    ("applicationautoscaling_target", "ApplicationAutoScalingTarget", "ApplicationAutoScalingTarget"),
]

VALUES = [
    '"x"', "1", "True", "None", "[]", "{}", '{"prefix": ""}', '[{"prefix": ""}]',
    '{"managedRuleGroupStatement": {"vendorName": "AWS"}}', '["rtb-0123456789abcdef0"]',
    "key.arn", "self.bucket.id", 'f"{name}-x"', "[r.id for r in tables]", "lambda: 1",
    '{"capacity_provider": "FARGATE"}', "[{'noncurrent_days': 30}]", '"15.3"', "*args",
]

HOSTILE = [
    "@decorator\ndef f(x, *a, **k):\n    return (y := x)\n",
    "async def g():\n    await h()\n",
    "class Stack(TerraformStack):\n    pass\n",
    "x = [i for i in range(3) if i]\n",
    "try:\n    pass\nexcept Exception as e:\n    raise\n",
    "with open('f') as f, open('g') as g:\n    pass\n",
    "match x:\n    case {'a': 1}:\n        pass\n",
    "if True: x = 1; y = 2\n",
    "# cdktf-fix: ignore[CDKTF004]\n",
    "print(*args, **kwargs)\n",
]


def keywords(module: str, name: str) -> st.SearchStrategy[str]:
    fields = sorted(INDEX.fields(name) or {}) or ["bucket"]
    mutated = st.sampled_from(fields).map(
        lambda f: st.sampled_from([f, f + "s", f.replace("_", ""), "manages_" + f])
    ).flatmap(lambda s: s)
    return mutated


@st.composite
def call_statement(draw: st.DrawFn) -> str:
    module, name, written = draw(st.sampled_from(CLASSES))
    names = draw(st.lists(keywords(module, name), max_size=4, unique=True))
    args = [f"{k}={draw(st.sampled_from(VALUES))}" for k in names if k.isidentifier()]
    target = draw(st.sampled_from(["", "x = ", "self.res = "]))
    positional = draw(st.sampled_from(["self, \"id\", ", "", "self, name, "]))
    return f"{target}{written}({positional}{', '.join(args)})\n"


@st.composite
def stack_source(draw: st.DrawFn) -> str:
    imports = [
        f"from cdktf_cdktf_provider_aws.{module} import {written}\n"
        for module, _name, written in draw(st.lists(st.sampled_from(CLASSES), max_size=5))
    ]
    body = draw(
        st.lists(st.one_of(call_statement(), st.sampled_from(HOSTILE)), min_size=1, max_size=8)
    )
    header = "from cdktf import App, TerraformStack\n"
    indent = draw(st.booleans())
    if indent:
        lines = "".join("        " + line for stmt in body for line in stmt.splitlines(True))
        body_text = f"class S(TerraformStack):\n    def __init__(self, scope, id):\n{lines}"
    else:
        body_text = "".join(body)
    return header + "".join(imports) + body_text


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(stack_source())
def test_engine_survives_generated_stacks(source: str) -> None:
    result = ENGINE.run_text(source, fixing=True)
    if result.error is not None:
        assert result.error.kind == "syntax", result.error
        return
    if result.fixed is None:
        return
    ast.parse(result.fixed)
    again = ENGINE.run_text(result.fixed, fixing=True)
    assert again.error is None
    assert not again.changed, "fixing the fixed output changed it again"
