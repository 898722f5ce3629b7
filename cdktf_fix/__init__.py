"""cdktf-fix: find and fix the faults that keep model-written CDKTF stacks from deploying."""

__version__ = "0.1.0"
