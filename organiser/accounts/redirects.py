"""Where a login sends the organiser next: a path on this site, nothing else."""

import re

from flask import url_for

# A path (and query) of this site written with URL characters only: no scheme, no host, no
# "//" or "/\" that a browser reads as another host, no spaces, control characters (CR/LF
# would split the header; browsers drop tabs and newlines inside URLs) or backslashes.
LOCAL_PATH = re.compile(r"/(?![/\\])[A-Za-z0-9\-._~!$&'()*+,;=:@%/?]*")
MAX_LENGTH = 2000


def safe_next(target: str | None) -> str:
    """The `next` address if it is a plain local path, else the organiser's dashboard."""
    if target and len(target) <= MAX_LENGTH and LOCAL_PATH.fullmatch(target):
        return target
    return url_for("organise.dashboard")
