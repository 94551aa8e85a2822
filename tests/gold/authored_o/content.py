"""Set O report content, written by hand for this set (clean room). One dict per report."""
from content_a import O01, O02, O03, O04
from content_b import O05, O06, O07, O08
from content_c import O09, O10, O11, O12
from content_d import O13, O14, O15, O16

REPORTS = [O01, O02, O03, O04, O05, O06, O07, O08, O09, O10, O11, O12, O13, O14, O15, O16]
