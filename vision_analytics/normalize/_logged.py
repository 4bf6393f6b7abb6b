"""Which rows of a request log record an e-mail request already found.

An account team often keeps a request log beside its mail: the same ask then
arrives twice, once as the customer's e-mail and once as the row someone typed
(or pasted) into the log. Counted twice, it doubles the requests received and
the hours spent on them. A log row records an e-mail request when the same
person sent both, the row is dated from ``days_before`` before to ``days_after``
after the mail, and the two read alike (TF-IDF cosine of the row's text and the
mail's subject and ask, or its subject and the whole note around the ask, at
least ``min_similarity``). Each mail is recorded by at most one row and each row
records at most one mail, the most alike pairs first.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer

__all__ = ["link_logged_requests"]


def link_logged_requests(requests: pd.DataFrame, *, days_before: float = 2.0,
                         days_after: float = 14.0, min_similarity: float = 0.4,
                         min_similarity_unplaced: float = 0.7) -> pd.Series:
    """For each request, the id of the e-mail request its log row records ("" if none).

    Needs ``channel``, ``sent_at``, ``text`` and a sender column (``sender_id``
    when identities are resolved, else ``sender``); ``subject`` is read when
    present, and so is ``context`` (the note the ask sits in). Only ``rfi_log``
    rows get a value. A row reads like a mail by the best of its likeness to the
    mail's subject, to its subject and ask, and to its subject and note: a log's
    keeper types up the paragraph, whose last line may be all the ask found in the
    mail ("Can you look at it urgently?"). A
    row whose sender sent no e-mail ask (left blank, or a first name the log's
    keeper typed) may record anyone's mail in the window, when it reads like it
    at ``min_similarity_unplaced``.

    >>> frame = pd.DataFrame({
    ...     "channel": ["email", "rfi_log", "rfi_log"],
    ...     "sent_at": pd.to_datetime(["2024-03-01 09:00", "2024-03-01 10:00",
    ...                                "2024-03-02 10:00"], utc=True),
    ...     "sender": ["pat@c.com"] * 3,
    ...     "subject": ["Price list", "", ""],
    ...     "text": ["Could you send the updated price list for the add-ons?",
    ...              "Could you send an updated price list for add-ons?",
    ...              "Onsite training dates for new starters"]},
    ...     index=pd.Index(["r1", "l1", "l2"], name="request_id"))
    >>> link_logged_requests(frame).tolist()
    ['', 'r1', '']
    """
    out = pd.Series("", index=requests.index, dtype=object)
    if not len(requests) or "channel" not in requests:
        return out
    who = requests["sender_id"] if "sender_id" in requests else requests["sender"]
    who = who.fillna("").astype(str).str.lower().to_numpy()
    when = pd.to_datetime(requests["sent_at"], utc=True)
    dated = when.notna().to_numpy()
    channel = requests["channel"].astype(str).to_numpy()
    logs = np.flatnonzero((channel == "rfi_log") & dated)
    mails = np.flatnonzero((channel == "email") & dated)
    if not len(logs) or not len(mails):
        return out
    t = when.to_numpy(dtype="datetime64[s]", na_value=np.datetime64("NaT"))
    mails = mails[np.argsort(t[mails], kind="stable")]
    senders = set(who[mails]) - {""}
    # the mails each row could record: within the window, the same sender's when
    # the row names one who sent e-mail asks
    near = {}
    lo = np.searchsorted(t[mails], t[logs] - np.timedelta64(int(days_after * 86400), "s"))
    hi = np.searchsorted(t[mails], t[logs] + np.timedelta64(int(days_before * 86400), "s"),
                         side="right")
    for row, a, b in zip(logs, lo, hi, strict=True):
        inside = mails[a:b]
        if who[row] in senders:
            inside = inside[who[inside] == who[row]]
        if len(inside):
            near[row] = inside
    if not near:
        return out
    rows = np.array(sorted(near))
    wanted = np.unique(np.concatenate(list(near.values())))
    subject = (requests["subject"].fillna("").astype(str) if "subject" in requests
               else pd.Series("", index=requests.index))
    text = requests["text"].fillna("").astype(str)
    note = (requests["context"].fillna("").astype(str) if "context" in requests
            else pd.Series("", index=requests.index))
    docs = pd.concat([text.iloc[rows], subject.iloc[wanted],
                      subject.iloc[wanted] + "\n" + text.iloc[wanted],
                      subject.iloc[wanted] + "\n" + note.iloc[wanted]])
    try:
        X = TfidfVectorizer(sublinear_tf=True, ngram_range=(1, 2), min_df=1,
                            strip_accents="unicode").fit_transform(docs.tolist())
    except ValueError:  # no words at all
        return out
    k, w = len(rows), len(wanted)
    row_x, subject_x = X[:k], X[k:k + w]
    ask_x, note_x = X[k + w:k + 2 * w], X[k + 2 * w:]
    row_at = {r: i for i, r in enumerate(rows)}
    mail_at = {m: i for i, m in enumerate(wanted)}
    pairs = []
    for row, inside in near.items():
        at = [mail_at[m] for m in inside]
        x = row_x[row_at[row]].T
        alike = np.maximum.reduce([(subject_x[at] @ x).toarray().ravel(),
                                   (ask_x[at] @ x).toarray().ravel(),
                                   (note_x[at] @ x).toarray().ravel()])
        bar = min_similarity if who[row] in senders else min_similarity_unplaced
        pairs += [(float(a), int(row), int(m)) for a, m in zip(alike, inside, strict=True)
                  if a >= bar]
    taken_logs, taken_mails = set(), set()
    index = requests.index
    for _, row, mail in sorted(pairs, key=lambda p: (-p[0], p[1], p[2])):
        if row in taken_logs or mail in taken_mails:
            continue
        taken_logs.add(row)
        taken_mails.add(mail)
        out.iloc[row] = str(index[mail])
    return out
