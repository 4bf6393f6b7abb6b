"""The ``normalize``stage."""

from ._headers import InnerHeader, parse_date, parse_inner_header, split_person
from ._identity import IdentityResult, organization_from_domain, parse_name, resolve_identities
from ._logged import link_logged_requests
from ._requests import (
    REQUEST_CUES,
    REQUEST_THRESHOLD,
    REQUEST_WEIGHTS,
    combine_requests,
    detect_requests,
    request_cue_counts,
    score_requests,
    split_sentences,
    team_correspondents,
)
from ._threads import (
    GENERIC_SUBJECTS,
    fallback_new_text,
    mark_inclusive,
    normalize_subject,
    thread_details,
    thread_messages,
)
from ._zoning import KINDS, NOTE_KINDS, Segment, new_text, own_text, segment_messages, zone_body

__all__: list[str] = [
    "KINDS",
    "NOTE_KINDS",
    "InnerHeader",
    "Segment",
    "combine_requests",
    "link_logged_requests",
    "new_text",
    "own_text",
    "parse_date",
    "parse_inner_header",
    "segment_messages",
    "split_person",
    "zone_body",
    "GENERIC_SUBJECTS",
    "IdentityResult",
    "REQUEST_CUES",
    "REQUEST_THRESHOLD",
    "REQUEST_WEIGHTS",
    "detect_requests",
    "fallback_new_text",
    "mark_inclusive",
    "normalize_subject",
    "organization_from_domain",
    "parse_name",
    "request_cue_counts",
    "resolve_identities",
    "score_requests",
    "split_sentences",
    "team_correspondents",
    "thread_details",
    "thread_messages",
]
