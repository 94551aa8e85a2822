"""Set O report content, written by hand for this set (clean room). One dict per report."""
from content_a import O01, O02, O03, O04

REPORTS = [O01, O02, O03, O04]
