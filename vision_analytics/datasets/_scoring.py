"""``score_account``: how well an analysis recovered a simulated account's known answers."""

from __future__ import annotations

import math
from datetime import date

import pandas as pd

__all__ = ["score_account"]

_REQUIRED = ("message_id", "channel")
_UNKNOWN = {"", "unknown", "none", "nan", "null", "?"}
_DEPARTMENT_ALIASES = {
    "information technology": "it", "it department": "it", "it organization": "it",
    "it organisation": "it", "information systems": "it", "is": "it", "ict": "it",
}


def _norm(value) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return " ".join(str(value).strip().lower().split())


def _department(value) -> str:
    text = _norm(value)
    for suffix in (" department", " dept", " organization", " organisation", " team"):
        if text.endswith(suffix) and text != suffix.strip():
            text = text[: -len(suffix)]
    return _DEPARTMENT_ALIASES.get(text, text)


def _domain(value: str) -> str:
    value = _norm(value)
    return value.rsplit("@", 1)[1] if "@" in value else value


def _same_originator(pred, truth: dict, names: dict[str, str]) -> bool:
    """Does a predicted originator name the true one? (e-mail, name, domain or organisation)."""
    guess = _norm(pred)
    if guess in _UNKNOWN:
        return False
    target = _norm(truth["originator"])
    if "@" in target:
        return guess == target or names.get(guess) == target
    organization = _compact(truth.get("originator_organization"))
    # an organisation named from its domain ("Veridiandynamics") is the same one
    return (guess == target or _domain(guess) == target or guess.endswith("." + target)
            or (bool(organization) and _compact(guess) == organization))


def _compact(value) -> str:
    return "".join(ch for ch in _norm(value) if ch.isalnum())


def _source_correct(pred: dict | None, key: dict) -> bool | None:
    truth = key.get("source")
    if truth is None:
        return None
    if not pred:
        return False
    kind = key.get("source_kind")
    if kind == "person":
        email = _norm(pred.get("email"))
        if email and email == _norm(truth.get("email")):
            return True
        return bool(_norm(pred.get("name"))) and _norm(pred.get("name")) == _norm(truth["name"])
    if kind == "external":
        domain = _norm(truth.get("domain"))
        org = _norm(truth.get("organization"))
        for field in ("organization", "name", "domain", "email"):
            value = _norm(pred.get(field))
            if value and (value == org or value == domain or _domain(value) == domain):
                return True
        return False
    if kind == "department":
        return bool(_department(pred.get("department"))) and \
            _department(pred.get("department")) == _department(truth.get("department"))
    return False


def _source_by_product(pred: dict | None, key: dict) -> bool | None:
    """An outside source right by name, or named by one of its own products.

    When the competitor never writes and nobody names it, the tool can still
    say "the outside organisation behind <product>": a team reading the brief
    knows who that is. Scored apart from ``source_correct``, which needs the name.
    """
    if key.get("source_kind") != "external":
        return None
    if _source_correct(pred, key):
        return True
    products = {_compact(p) for p in (key.get("source") or {}).get("products", [])}
    return bool(pred) and any(_compact(pred.get(field)) in products - {""}
                              for field in ("name", "organization"))


def _iso_date(value) -> date | None:
    if value in (None, "") or (isinstance(value, float) and math.isnan(value)):
        return None
    try:
        return pd.Timestamp(value).date()
    except (ValueError, TypeError):
        return None


def _prf(pred: list[bool], truth: list[bool]) -> tuple[float | None, float | None, float | None]:
    tp = sum(p and t for p, t in zip(pred, truth, strict=True))
    n_pred, n_true = sum(pred), sum(truth)
    precision = tp / n_pred if n_pred else None
    recall = tp / n_true if n_true else None
    if recall is None:
        f1 = None  # nothing to find (a null account)
    elif precision is None or precision + recall == 0:
        f1 = 0.0  # something to find, and none of it found
    else:
        f1 = 2 * precision * recall / (precision + recall)
    return precision, recall, f1


def _mean(values: list[bool]) -> float | None:
    return sum(values) / len(values) if values else None


def score_account(answer_key: dict, requests_frame: pd.DataFrame, vision_dict: dict | None) -> dict:
    """Compare an analysis of a simulated account with its answer key.

    Parameters
    ----------
    answer_key : dict
        ``SimulatedAccount.answer_key`` (or the parsed ``answer_key.json``).
    requests_frame : DataFrame
        The analysis' requests (``analysis.requests``): columns ``message_id`` and
        ``channel`` at least (the index or a ``request_id`` column gives the request
        ids), plus ``topic_id``, ``originator``, ``part_of_vision`` where available.
        E-mail requests are matched by ``message_id``; request-log rows by
        ``message_id`` = the log's own row reference.
    vision_dict : dict or None
        The analysis' ``vision`` output (``vision.json``): ``shared_source``,
        ``source``, ``origin_hypothesis``, ``onset``, ``requests_in_vision``.

    Returns
    -------
    dict
        ``detection_correct``, ``false_positive`` (null accounts only),
        ``source_correct``, ``source_by_product`` (competitors: right by name or by one
        of their products), ``origin_correct``, ``onset_error_days``,
        ``request_recall`` / ``request_precision`` (requests found vs the key),
        ``originator_accuracy`` and ``originator_accuracy_relayed`` (requests whose
        originator is not their sender), ``originator_by_product`` and
        ``originator_by_product_relayed`` (competitor accounts: the outside
        organisation also counts as named by one of its products),
        ``vision_precision`` / ``vision_recall`` / ``vision_f1``, ``topic_ari``,
        counts, and ``per_request``: one dict per answer-key request (``relay_mode``,
        ``relayed``, ``part_of_vision``, ``originator``, ``found``, ``correct``,
        ``by_product``), for breakdowns. Undefined figures are None.

    Examples
    --------
    >>> import pandas as pd
    >>> key = {"kind": "null", "source": None, "source_kind": None, "origin": None,
    ...        "onset": None, "people": [], "non_requests": [],
    ...        "requests": [{"channel": "email", "message_id": "<a@x>", "log_ref": "",
    ...                      "sender": "a@c.com", "originator": "a@c.com", "topic": "t1",
    ...                      "part_of_vision": False}]}
    >>> frame = pd.DataFrame({"message_id": ["<a@x>"], "channel": ["email"],
    ...                       "originator": ["a@c.com"], "topic_id": ["0"],
    ...                       "part_of_vision": [False]})
    >>> scores = score_account(key, frame, {"shared_source": False})
    >>> scores["detection_correct"], scores["originator_accuracy"]
    (True, 1.0)
    """
    if not isinstance(requests_frame, pd.DataFrame):
        raise TypeError(
            "score_account: 'requests_frame' must be a pandas DataFrame (analysis.requests); "
            f"got {type(requests_frame).__name__}."
        )
    missing = [c for c in _REQUIRED if c not in requests_frame.columns]
    if missing:
        raise ValueError(
            f"score_account: 'requests_frame' lacks column(s) {missing}; columns in the "
            f"frame: {list(requests_frame.columns)}. Pass analysis.requests."
        )
    vision = vision_dict or {}
    frame = requests_frame
    if "request_id" in frame.columns:
        ids = frame["request_id"].astype(str).tolist()
    else:
        ids = [str(i) for i in frame.index]
    in_vision_ids = {str(i) for i in (vision.get("requests_in_vision") or [])}
    rows: dict[tuple[str, str], dict] = {}
    for position, record in enumerate(frame.to_dict("records")):
        channel = _norm(record.get("channel")) or "email"
        ref = str(record.get("message_id") or "").strip()
        if not ref:
            continue
        record["_id"] = ids[position]
        rows.setdefault((channel, ref), record)

    names = {_norm(p["name"]): _norm(p["email"]) for p in answer_key.get("people", [])}
    kind = answer_key.get("kind")
    has_source = kind != "null" and answer_key.get("source") is not None

    matched, pred_vision, true_vision = [], [], []
    originator_ok, relayed_ok, product_ok, relayed_product_ok = [], [], [], []
    outside = _compact((answer_key.get("source") or {}).get("organization")) \
        if answer_key.get("source_kind") == "external" else ""
    products = {_compact(p) for p in (answer_key.get("source") or {}).get("products", [])} \
        - {""} if outside else set()
    truth_topics, pred_topics = [], []
    per_request = []
    for request in answer_key["requests"]:
        channel = request["channel"]
        ref = request["message_id"] if channel == "email" else request["log_ref"]
        row = rows.get((channel, ref))
        true_vision.append(bool(request["part_of_vision"]))
        relayed = _norm(request["originator"]) != _norm(request["sender"])
        detail = {"relay_mode": request.get("relay_mode") or "", "relayed": relayed,
                  "part_of_vision": bool(request["part_of_vision"]),
                  "originator": request["originator"], "found": row is not None,
                  "correct": False, "by_product": False}
        per_request.append(detail)
        if row is None:
            # a request the analysis did not find is neither attributed nor in its vision
            pred_vision.append(False)
            originator_ok.append(False)
            product_ok.append(False)
            if relayed:
                relayed_ok.append(False)
                relayed_product_ok.append(False)
            continue
        matched.append(request)
        if "part_of_vision" in row and row["part_of_vision"] is not None and not (
                isinstance(row["part_of_vision"], float) and math.isnan(row["part_of_vision"])):
            pred_vision.append(bool(row["part_of_vision"]))
        else:
            pred_vision.append(row["_id"] in in_vision_ids)
        correct = _same_originator(row.get("originator"), request, names)
        # the outside organisation named by one of its products (see _source_by_product)
        by_product = correct or (bool(outside) and _compact(
            request.get("originator_organization")) == outside
            and _compact(row.get("originator")) in products)
        originator_ok.append(correct)
        product_ok.append(by_product)
        detail.update(correct=correct, by_product=by_product)
        if relayed:
            relayed_ok.append(correct)
            relayed_product_ok.append(by_product)
        topic = row.get("topic_id")
        if topic is not None and _norm(topic) not in ("", "nan"):
            truth_topics.append(request["topic"])
            pred_topics.append(str(topic))

    email_keys = {r["message_id"] for r in answer_key["requests"] if r["channel"] == "email"}
    non_requests = set(answer_key.get("non_requests", []))
    predicted_email = [ref for (channel, ref) in rows if channel == "email"]
    false_requests = sum(ref in non_requests for ref in predicted_email)
    true_found = sum(ref in email_keys for ref in predicted_email)

    detected = bool(vision.get("shared_source"))
    onset_error = None
    if has_source and detected:
        predicted, truth = _iso_date(vision.get("onset")), _iso_date(answer_key.get("onset"))
        if predicted and truth:
            onset_error = abs((predicted - truth).days)
    if has_source:
        origin_correct = detected and _norm(vision.get("origin_hypothesis")) == _norm(
            answer_key.get("origin"))
    else:
        origin_correct = not detected or _norm(vision.get("origin_hypothesis")) in (
            "", "other", "none")
    precision, recall, f1 = _prf(pred_vision, true_vision)
    if len(truth_topics) >= 2:
        from sklearn.metrics import adjusted_rand_score

        topic_ari = float(adjusted_rand_score(truth_topics, pred_topics))
    else:
        topic_ari = None
    return {
        "kind": kind,
        "difficulty": answer_key.get("difficulty"),
        "random_state": answer_key.get("random_state"),
        "detection_correct": detected == has_source,
        "false_positive": (detected if not has_source else None),
        "source_correct": (_source_correct(vision.get("source"), answer_key) and detected)
        if has_source else None,
        "source_by_product": (_source_by_product(vision.get("source"), answer_key)
                              and detected) if has_source else None,
        "origin_correct": origin_correct,
        "onset_error_days": onset_error,
        "request_recall": len(matched) / len(answer_key["requests"])
        if answer_key["requests"] else None,
        "request_precision": true_found / (true_found + false_requests)
        if true_found + false_requests else None,
        "originator_accuracy": _mean(originator_ok),
        "originator_accuracy_relayed": _mean(relayed_ok),
        "originator_by_product": _mean(product_ok) if outside else None,
        "originator_by_product_relayed": _mean(relayed_product_ok) if outside else None,
        "vision_precision": precision,
        "vision_recall": recall,
        "vision_f1": f1,
        "topic_ari": topic_ari,
        "n_requests": len(answer_key["requests"]),
        "n_matched": len(matched),
        "n_false_requests": false_requests,
        "per_request": per_request,
    }
