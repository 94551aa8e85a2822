"""Set S report specs. Line codes: '#' heading, '@' meta, '%' table, else <label><generic 0/1>[m][?other] text."""
from reports_s1 import S1
from reports_s2 import S2
from reports_s3 import S3
from reports_s4 import S4

SPECS = S1 + S2 + S3 + S4
