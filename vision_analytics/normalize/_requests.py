"""Request detection: which inbound messages ask the team for something.

A transparent scored model. Each message's new text (the latest author's
words) is scanned for cues — questions, polite asks ("could you", "please
send"), needs ("we need", "we would like"), what-if and pricing asks, imperative
asks, and the same in a few other languages — and for noise cues — FYI,
thanks-only, scheduling, newsletters, auto-replies, bounces — and for one fact
about the sender: whether the team has ever written to them (``correspondent``;
asks come from people in a conversation, broadcasts from people nobody answers:
in the labelled Enron train mail, 28% of the messages from people the mailbox owners
wrote to were requests, 6% of the others). The cue counts go
through a logistic function with the weights in :data:`REQUEST_WEIGHTS`
(hand-set priors updated by the training half of hand labels of Enron mail, see
``benchmarks/request_detection.py``); the cues that fired are listed with each
request, so every decision can be read.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Collection, Iterable

import numpy as np
import pandas as pd

from .._letters import LOWER, UPPER
from .._schema import empty_frame, validate_frame
from ._threads import fallback_new_text
from ._zoning import _GREETING_WORDS

__all__ = [
    "REQUEST_CUES",
    "REQUEST_THRESHOLD",
    "REQUEST_WEIGHTS",
    "combine_requests",
    "detect_requests",
    "request_cue_counts",
    "score_requests",
    "split_sentences",
    "team_correspondents",
]

_F = re.IGNORECASE | re.UNICODE
#: A short clause before the ask ("Frankly,", "Bottom line:", "As discussed this
#: morning,", "Anja -"), but not a condition on the reader's needs ("If you have any
#: questions, please call"), which offers help rather than asks for it.
_LEAD_IN = (r"(?:(?!(?:if|should|in case|whenever)\s)[^\W\d_][\w'’-]*"
            r"(?:\s+[^\W\d_][\w'’-]*){0,5}\s*(?:[,:]|\s[-–—])\s*)")
_YOUR_TEAM = (r"your\s+(?:[\w-]+\s+){0,2}?(?:team|teams|people|colleagues|group|side|office|"
              r"company|organi[sz]ation|staff|engineers?|experts?|architects?|consultants?|"
              r"specialists?|analysts?|developers?|lawyers?|counsel|representatives?|reps?)")

#: Cue name → regex. Counted once per sentence (``question``: per question mark).
REQUEST_CUES: dict[str, re.Pattern] = {
    "polite_ask": re.compile(
        rf"\b(?:could|can|would|will|might)\s+(?:you|u|we|someone|somebody|anyone|y'all|"
        rf"{_YOUR_TEAM})\b"
        r"(?!\s+(?:believe|imagine))"
        # "Would Northwind be open to a pilot?", "Could the vendor be able to…"
        r"|\b(?:could|would|will|might)\s+(?:[\w'-]+\s+){1,3}?be\s+(?:open|able|willing|"
        r"prepared|happy|interested)\s+(?:to|in)\b", _F),
    "please_do": re.compile(
        r"\b(?:please|pls|plz|kindly)\b(?!\s+(?:find|see|note|be advised|disregard|ignore|"
        r"accept my|forgive|excuse|call if|let me know if you have any questions|feel free|"
        r"do not hesitate|don't hesitate|click|refer to|visit|go to|read|use|join|respond to|"
        r"contact (?:me|us|the|your) if|call (?:me|us) if|log ?off|be aware))", _F),
    "need_want": re.compile(
        r"\b(?:i|we|they|he|she|our \w+)\s+(?:really\s+|will\s+|would\s+|still\s+|also\s+)?"
        r"(?:need|needs|require|requires|want|wants|would like|'d like|d like|would love|"
        r"am looking for|are looking for|is looking for|must have)\b"
        r"|\bi'd like\b|\bwe'd like\b|\bneed (?:to get|you to|your|a copy|the)\b"
        # the need after a first clause: "We are building a plan and need to understand…"
        r"|\b(?:and|but|so)\s+(?:really\s+|also\s+|still\s+)?(?:need|want|would like|'d like)"
        r"\s+(?:to|you|your|a|an|the)\b", _F),
    "let_me_know": re.compile(
        r"\b(?:let (?:me|us) know|get back to (?:me|us)|advise (?:me|us)?|keep me posted|"
        r"send (?:me|us)|forward (?:me|us)|give (?:me|us)|email me|e-mail me|call me|"
        r"your (?:thoughts|input|comments|feedback|help|assistance|approval|opinion)|"
        r"any (?:thoughts|ideas|suggestions|comments|feedback|update)|"
        r"i (?:was )?wonder(?:ing)?|would (?:you )?mind|appreciate (?:it )?if|"
        # an ask passed on: "Andrés asked me to check whether you support..."
        r"(?:asked|wants|would like) (?:me|us) to (?:check|confirm|find out|ask|verify|"
        r"clarify|understand|get|raise)|"
        r"would be (?:great|helpful|appreciated)|i'd appreciate|we'd appreciate|"
        r"(?:i|we) would appreciate|what do you think|your opinion|i want (?:to know|you to)|"
        r"should we|do you (?:want|think|need)|can we|are these|am i|what about)\b", _F),
    "what_if_price": re.compile(
        r"\b(?:what (?:would|will|does|is) (?:it|the|that) (?:cost|price|take)|how much|"
        r"what if|quote (?:for|on|me|us)|price (?:for|on|of)|pricing (?:for|on|of)|"
        r"cost (?:of|for) |give (?:me|us) a (?:price|quote|number|bid)|bid (?:for|on)|"
        r"is it possible|would it be possible|are you able|do you have|do you know|"
        r"is there (?:a|any) (?:way|option|chance|possibility)|"
        r"(?:whether|if) you (?:support|offer|provide|can|could|already)|"
        r"how (?:would|could|can|do|does|should) (?:we|i|you|it|this|the)|"
        r"how (?:easy|easily|hard|difficult|quickly|fast|long|soon|much effort) (?:would|could|"
        r"will|is|does|do|can))\b", _F),
    "imperative": re.compile(
        rf"(?:^|[.!?]\s+|\n\s*){_LEAD_IN}{{0,2}}(?:please\s+)?(?:send|provide|forward|review|"
        r"confirm|check|"
        r"prepare|update|fill out|complete|sign|approve|fax|print|add|remove|change|fix|"
        r"schedule|book|reserve|arrange|find|look into|follow up|call|contact|tell|ask|"
        r"explain|clarify|verify|submit|return|reply|respond|resend)\b", _F),
    "foreign_ask": re.compile(
        # polite asks and needs in German, French, Spanish, Italian, Dutch, Portuguese
        r"\b(?:pourriez[- ]vous|pouvez[- ]vous|merci de|veuillez|auriez[- ]vous|"
        r"(?:est|serait)[- ]il possible|nous (?:aimerions|souhaiterions|souhaitons|avons "
        r"besoin|devons)|j'aimerais|je souhaiterais|j'ai besoin|je vous prie|"
        r"s'il vous pla[iî]t|"
        r"könnten sie|können sie|könnte(?:n)? ihr\w*|können ihr\w*|würden sie|"
        r"wäre es möglich|ist es möglich|bitte|bitten (?:wir )?sie|wir bitten|ich bitte|"
        r"(?:wir|ich) (?:benötige|benötigen|brauche|brauchen|möchte|möchten|müssen|"
        r"hätten gerne?|würden gerne?)|und (?:benötigen|brauchen|müssen)|"
        r"teilen sie (?:uns|mir)|lassen sie (?:uns|mich)|senden sie (?:uns|mir)|"
        r"podría|podrían|puede usted|pueden|por favor|(?:nos|me) gustaría|necesitamos|"
        r"necesito|quisiéramos|quisiera|(?:es|sería) posible|"
        r"potrebbe|potreste|per favore|vorremmo|vorrei|abbiamo bisogno|"
        r"(?:è|sarebbe) possibile|"
        r"kunt u|zou u|graag|kunnen jullie|is het mogelijk|"
        r"poderia|poderiam|você pode|vocês podem|gostaríamos|precisamos)\b"
        # a question opening on an interrogative or a verb (after a short lead-in):
        # "Konkret: Wann unterstützen Sie …?", "¿Cómo lo harían?", "Quand pourrez-vous …?"
        r"|^(?:[^\W\d_][\w'’-]*(?:\s+[^\W\d_][\w'’-]*){0,3}\s*:\s*)?[¿]?"
        r"(?:wann|wie|welche[rsnm]?|warum|wo|gibt es|ist|sind|haben sie|unterstützen sie|"
        r"quand|comment|quel(?:le)?s?|pourquoi|où|est-ce que|"
        # French inversion ("Avez-vous …?", "Prévoit-on …?") and the Dutch verb before
        # "u" or "jullie" ("Heeft u …?")
        r"[^\W\d_]+-(?:t-)?(?:vous|ils|elles|il|elle)|[^\W\d_]+-t-on|"
        r"(?:peut|doit|sait|pourrait|devrait|faudrait)-on|[^\W\d_]+ (?:u|jullie)|"
        r"cuándo|cómo|qué|cuál(?:es)?|dónde|por qué|"
        r"quando|come|quale|perché|wanneer|hoe|welke|waarom)\b[^?]*[?？]\s*$"
        r"|¿|请|能否|麻烦|是否可以|(?<!よろしく)(?<!宜しく)お願い|頂けますか"
        # Japanese polite asks: "お送りいただけますか", "ご回答いただけますでしょうか",
        # "ご教示ください", "ご確認いただければ幸いです", "教えていただきたく"
        r"|(?:いただ|頂)け(?:ます|ません)(?:か|でしょうか)|(?:いただ|頂)き(?:たく|たい)"
        r"|(?:いただ|頂)け(?:れば|ると)|ください|下さい|でしょうか|ご教示", _F),
    "direct_ask": re.compile(
        # the sentence itself opens on the ask: "Could you…", "Please send…", "Can we…"
        # (after a short lead-in or two: "Frankly, could you…", "Bottom line: please…")
        rf"^{_LEAD_IN}{{0,2}}(?:(?:could|can|would|will) (?:you|u|we|someone|{_YOUR_TEAM})|"
        r"please (?!find|see|note|be advised|disregard|ignore|click|refer|read|use|join)\w+|"
        r"kindly \w+|(?:i|we) (?:need|would like|'d like|want) (?:you|a|an|the|to)|"
        r"(?:is|would) it (?:be )?possible|do you (?:have|know|want|think|need)|"
        r"what (?:would|will|is|are|about)|how (?:much|many|would|could|can|do|does|should)|"
        r"when (?:can|could|will|would|do)|should (?:we|i))\b", _F),
    "addressed": re.compile(
        # the text opens on one or a few first names: "Kevin,", "Pete:", "Mike and Joe,"
        rf"\A\s*(?:(?i:{_GREETING_WORDS})\s+)?"
        r"(?!(?i:hi|hello|hey|dear|all|team|everyone|investor|customer|client|member|friends|"
        r"colleagues|sir|"
        r"madam|trader|valued|subscriber)\b)"
        rf"{UPPER}{LOWER}+(?:\s*(?:/|and|&)\s*{UPPER}{LOWER}+){{0,4}}\s*(?:[,:]|-\s|–)",
        re.UNICODE),
    # noise cues (negative weights)
    "broadcast": re.compile(
        r"\b(?:all employees|employees|everyone|to all|announce\w*|join us|you are invited|"
        r"you're invited|reminder|this is to remind|effective (?:immediately|monday|tuesday|"
        r"wednesday|thursday|friday|today)|organization(?:al)? announcement|dear (?:all|team|"
        r"colleagues|friends|investor|customer|client|member|valued|subscriber)|hello everyone|"
        r"all,)", _F),
    "fyi": re.compile(
        r"\b(?:fyi|for your (?:information|reference|records|review)|see (?:attached|below)|"
        r"attached (?:is|are|please find)|please find attached|here (?:is|are) (?:the|a|my)|"
        r"as requested|as discussed|for your files|just so you know|heads up|"
        r"no action (?:is )?(?:required|needed)|please note)\b", _F),
    "thanks": re.compile(
        r"\b(?:thanks|thank you|thx|many thanks|much appreciated|cheers|great job|"
        r"congratulations|congrats|well done|merci|danke|gracias)\b", _F),
    "scheduling": re.compile(
        r"\b(?:does (?:mon|tues|wednes|thurs|fri|satur|sun)day work|"
        r"(?:mon|tues|wednes|thurs|fri|satur|sun)day (?:at|works|is fine|morning|afternoon)|"
        r"meeting|conference call|reschedul\w*|calendar|lunch|dinner|"
        r"(?:accepted|declined|tentative):|invitation|available (?:at|on)|"
        r"\d{1,2}(?::\d\d)?\s*(?:am|pm)\b|what time)\b", _F),
    "newsletter": re.compile(
        r"\b(?:unsubscribe|to be removed from|remove you from|mailing list|view (?:this|it) "
        r"in (?:your|a) browser|privacy policy|opt[- ]out|click here|subscribers?|"
        r"this (?:e-?mail|message) was sent to|you are receiving this|special offer|"
        r"newsletter|copyright ©|all rights reserved|free shipping|% off|\[image\]|"
        r"click (?:here|now|below|on)|special offer|free trial|you have been selected)", _F),
}

_AUTO_SUBJECT = re.compile(
    r"^\s*(?:out of (?:the )?office|automatic reply|auto(?:matic)?[- ]?(?:reply|response)|"
    r"undeliverable|undelivered mail|delivery status notification|delivery failure|"
    r"returned mail|mail delivery failed|failure notice|accepted:|declined:|tentative:|"
    r"new time proposed|read:|not read:|abwesenheitsnotiz|automatische antwort|"
    r"réponse automatique|absence du bureau|absent(?:\(e\)|e)?\s*:|fuera de la oficina|"
    r"respuesta automática|risposta automatica|automatisch antwoord|resposta automática)", _F)
_AUTO_BODY = re.compile(
    r"\b(?:i (?:am|will be) (?:currently )?out of (?:the )?office|i am away from|"
    # the same out-of-office note in German, French, Spanish, Italian, Dutch
    r"ich bin (?:[\w.]+ ){0,4}(?:nicht im büro|abwesend|außer haus)|"
    r"je (?:suis|serai) absente?|(?:estoy|estaré) (?:[\w.]+ ){0,2}fuera de la oficina|"
    r"(?:sono|sarò) fuori (?:ufficio|sede)|ik ben (?:[\w.]+ ){0,4}afwezig|"
    r"this is an automated|do not reply to this (?:e-?mail|message)|"
    r"could not be delivered|delivery has failed|permanent fatal errors|"
    r"the following recipient|mailbox unavailable|automatically generated)\b", _F)
_AUTO_SENDER = re.compile(
    r"^(?:mailer-daemon|postmaster|no-?reply|do-?not-?reply|donotreply|bounce|"
    r"notifications?|alerts?|newsletters?|news|info|announce\w*|listserv|majordomo)[@+._-]",
    _F)

#: Logistic weights of the cue counts (see the module docstring for their origin).
REQUEST_WEIGHTS: dict[str, float] = {
    # hand-set priors updated by the train half of the Enron labels (logistic
    # regression with a Gaussian prior, sd 0.5 chosen by 5-fold CV on train):
    # benchmarks/request_detection.py --fit
    "intercept": -2.91,
    "question": 0.16,
    "polite_ask": 0.93,
    "please_do": 0.66,
    "need_want": 1.23,
    "let_me_know": 1.06,
    "what_if_price": 0.75,
    "imperative": 0.30,
    "fyi": -0.54,
    "thanks": 0.28,
    "scheduling": -0.71,
    "newsletter": -1.66,
    "addressed": 0.50,
    "direct_ask": 0.54,
    "broadcast": -0.71,
    "short_question": 1.07,
    "long": -0.64,
    "short": -0.67,
    "foreign_ask": 1.00,
    "automated": -4.00,
    "correspondent": 0.78,
}

# a question ends on a word then "?" (garbled bytes often decode to a lone "?")
# a closing quote of any typography may sit before or after the mark: «what-if»?
# (a Japanese question may end on its particle, "…いただけますか。", with no "?")
_QUESTION = re.compile(r"\w[\w)'\"»”“’‘」』]*\s*[?？]+[\"')»”“’‘」』]*\s*$"
                       r"|[\u3040-\u30ff\u4e00-\u9fff]か[。．]?\s*$")
#: Characters of new text scanned for cues (word counts use the whole text).
MAX_SCAN_CHARS = 5000

#: Share of the labelled train messages whose sender the mailbox owners wrote to: the
#: ``correspondent`` cue's expected value, used when who the team writes to is unknown.
CORRESPONDENT_SHARE = 0.38

#: Default decision threshold of :func:`detect_requests` (best F1 on the train labels).
REQUEST_THRESHOLD = 0.30

# Chinese and Japanese full stops end a sentence with no space after them
_SENTENCE = re.compile(r"(?<=[.!?])\s+|(?<=[。！？])\s*|\n\s*\n|\n(?=\s*[-*•]\s)")
_URL = re.compile(r"https?://\S+|www\.\S+", _F)


_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


def _n_words(text: str) -> int:
    """Words of a text; Chinese, Japanese and Korean write no spaces, so two of
    their characters count as a word (about their average word length).

    >>> _n_words("Could you send it?"), _n_words("更新見積もりをお送りいただけますか。")
    (4, 9)
    """
    return len(text.split()) + len(_CJK.findall(text)) // 2


def split_sentences(text: str) -> list[str]:
    """Sentences of a text (punctuation, blank lines and bullets end one).

    Examples
    --------
    >>> split_sentences("Hi Sam. Could you send the price list?\\n\\nThanks")
    ['Hi Sam.', 'Could you send the price list?', 'Thanks']
    """
    if not isinstance(text, str) or not text.strip():
        return []
    text = _URL.sub(" ", text)
    parts = (" ".join(p.split()) for p in _SENTENCE.split(text))
    return [p for p in parts if p]


def request_cue_counts(text: str) -> dict[str, int]:
    """Counts of every cue in :data:`REQUEST_CUES` plus ``question`` sentences.

    Examples
    --------
    >>> counts = request_cue_counts("Could you price a five-year option? Thanks")
    >>> counts["question"], counts["polite_ask"], counts["thanks"]
    (1, 1, 1)
    """
    return _scan(text)[0]


def is_question(sentence: str) -> bool:
    """True when a sentence ends as a question (a word, then "?")."""
    # only the tail can end the sentence: keeps the regex linear on huge "sentences"
    return bool(_QUESTION.search(sentence[-120:]))


_ASK_CUES = ("polite_ask", "please_do", "need_want", "let_me_know", "what_if_price",
             "imperative", "foreign_ask", "direct_ask")


#: A word to one colleague in copy under the ask ("Javier - FYI.", "FYI Anna"): it
#: does not make the note an FYI.
_ASIDE_FYI = re.compile(
    rf"^\W*(?:{UPPER}{LOWER}+(?:\s+{UPPER}{LOWER}+)?\s*[-–,:]\s*(?i:fyi)"
    rf"|(?i:fyi)\s*[-–,:]?\s*{UPPER}{LOWER}+(?:\s+{UPPER}{LOWER}+)?)\W*$")


def _scan(text: str) -> tuple[dict[str, int], list[str]]:
    """Cue counts and the asking sentences of one text, in one pass."""
    sentences = split_sentences(text)
    questions = [is_question(s) for s in sentences]
    counts = {"question": sum(questions)}
    asking = list(questions)
    for name, pattern in REQUEST_CUES.items():
        if name == "addressed":
            counts[name] = int(bool(pattern.search(text or "")))
            continue
        if name == "fyi":
            hits = [bool(pattern.search(s)) and not _ASIDE_FYI.match(s) for s in sentences]
        else:
            hits = [bool(pattern.search(s)) for s in sentences]
        counts[name] = sum(hits)
        if name in _ASK_CUES:
            asking = [a or h for a, h in zip(asking, hits, strict=True)]
    return counts, [s for s, a in zip(sentences, asking, strict=True) if a]


def score_requests(
    messages: pd.DataFrame,
    *,
    new_text: Callable[[str], str] | None = None,
    weights: dict[str, float] | None = None,
    correspondents: Collection[str] | None = None,
) -> pd.DataFrame:
    """Request score, cues and asking sentences for every message.

    Parameters
    ----------
    messages : DataFrame
        The messages frame (``body_text``, ``subject``, ``sender``); a
        ``new_text`` column is used as-is when present.
    new_text : callable, optional
        ``body -> latest author's text``; by default the ``new_text`` column
        when there is one, else :func:`~vision_analytics.normalize.fallback_new_text`
        (text before the first quoted line or quote header).
    weights : dict, optional
        Replaces :data:`REQUEST_WEIGHTS` (same keys).
    correspondents : collection of str, optional
        Lower-case addresses the team has written to (see
        :func:`team_correspondents`); a message from one of them gets the
        ``correspondent`` cue. When None or empty (the export holds no mail of
        the team's own), the cue is unknown and counts at its expected value,
        :data:`CORRESPONDENT_SHARE`.

    Returns
    -------
    DataFrame with the index of ``messages``: ``request_score`` (0–1),
    ``cues`` (list of the cues that fired), ``text`` (the asking sentences, or
    the start of the new text when none), ``automated`` (bool) and one column
    per cue count (``cue_<name>``).
    """
    if not isinstance(messages, pd.DataFrame):
        raise TypeError(f"messages must be a pandas DataFrame (the messages frame), got "
                        f"{type(messages).__name__}.")
    w = dict(REQUEST_WEIGHTS)
    if weights is not None:
        unknown = sorted(set(weights) - set(w))
        if unknown:
            raise ValueError(f"The 'weights' parameter of score_requests has unknown key(s) "
                             f"{unknown}; known keys: {sorted(w)}.")
        w.update(weights)
    texts = _new_texts(messages, new_text)
    subjects = _column(messages, "subject")
    senders = _column(messages, "sender")
    bodies = _column(messages, "body_text")
    known = frozenset(correspondents or ())
    unknown_cue = CORRESPONDENT_SHARE * w["correspondent"]
    rows = []
    for text, subject, sender, body in zip(texts, subjects, senders, bodies, strict=True):
        # asks sit at the start: scanning the first MAX_SCAN_CHARS bounds the cost of
        # huge newsletters without changing what a person's note says
        counts, asks = _scan(text[:MAX_SCAN_CHARS])
        n_words = _n_words(text)
        counts["long"] = int(n_words > 250)
        counts["short"] = int(n_words < 4)
        # a question in a short personal note is an ask far more often than in a long text
        counts["short_question"] = counts["question"] if n_words <= 80 else 0
        automated = bool(_AUTO_SUBJECT.search(subject) or _AUTO_SENDER.search(sender)
                         or _AUTO_BODY.search(body[:3000]))
        counts["automated"] = int(automated)
        counts["correspondent"] = int(sender.strip().lower() in known)
        z = w["intercept"] if known else w["intercept"] + unknown_cue
        fired = []
        for name, count in counts.items():
            if count:
                # diminishing returns: the first cue counts most
                z += w[name] * math.log1p(count) / math.log(2)
                fired.append(name)
        score = 1.0 / (1.0 + math.exp(-z))
        summary = " ".join(asks) if asks else " ".join(text.split())[:300]
        rows.append({"request_score": score, "cues": fired, "text": summary[:2000],
                     "automated": automated, **{f"cue_{k}": v for k, v in counts.items()}})
    columns = ["request_score", "cues", "text", "automated",
               *[f"cue_{k}" for k in ("question", *REQUEST_CUES, "long", "short",
                                      "short_question", "automated", "correspondent")]]
    out = pd.DataFrame(rows, index=messages.index, columns=columns)
    out["request_score"] = out["request_score"].astype("float64")
    out["automated"] = out["automated"].astype(bool)
    out["text"] = out["text"].astype("str")
    out["cues"] = out["cues"].astype(object)
    return out


def detect_requests(
    messages: pd.DataFrame,
    *,
    seller_domains: Iterable[str] | str | None,
    new_text: Callable[[str], str] | None = None,
    request_log: pd.DataFrame | None = None,
    threshold: float = REQUEST_THRESHOLD,
    correspondents: Collection[str] | None = None,
) -> pd.DataFrame:
    """The requests frame: inbound messages that ask for something, plus the request log.

    Parameters
    ----------
    messages : DataFrame
        The messages frame.
    seller_domains : str, list of str or None
        The seller's domains (or addresses): a message is inbound when its
        sender is outside them. When empty or None, the ``direction`` column
        decides (``"inbound"``).
    new_text : callable, optional
        ``body -> latest author's text`` (e.g. ``normalize.new_text`` from the
        zoning stage); see :func:`score_requests` for the default.
    request_log : DataFrame, optional
        A requests frame from request / RFI logs (``corpus.request_log``);
        its rows are appended with ``channel == "rfi_log"``.
    threshold : float, default :data:`REQUEST_THRESHOLD` (0.30)
        Minimum ``request_score`` for an e-mail to be a request (0.30 maximised
        F1 on the training half of the labels; requests are ~15% of that mail).
    correspondents : collection of str, optional
        Lower-case addresses the team has written to; by default the
        recipients of the outbound messages of ``messages``
        (:func:`team_correspondents`). Pass the whole stream's set when
        ``messages`` is one slice of it.

    Returns
    -------
    DataFrame
        The requests contract (index ``request_id`` = ``"r" + message_key``)
        with extra columns ``request_score`` and ``cues``.

    Examples
    --------
    >>> import pandas as pd
    >>> msgs = pd.DataFrame({
    ...     "message_id": ["<1@acme.com>", "<2@acme.com>"],
    ...     "sent_at": pd.to_datetime(["2020-01-07", "2020-01-08"], utc=True),
    ...     "sender": ["dana@acme.com", "dana@acme.com"],
    ...     "subject": ["pricing", "minutes"],
    ...     "body_text": ["Could you price a five-year option for us?", "FYI, minutes attached."],
    ... }, index=pd.Index(["m1", "m2"], name="message_key"))
    >>> detect_requests(msgs, seller_domains="seller.com").index.tolist()
    ['rm1']
    """
    if not 0.0 <= float(threshold) <= 1.0:
        raise ValueError(f"The 'threshold' parameter of detect_requests must be in [0, 1]. "
                         f"Got {threshold!r} instead.")
    if not isinstance(messages, pd.DataFrame):
        raise TypeError(f"messages must be a pandas DataFrame (the messages frame), got "
                        f"{type(messages).__name__}.")
    inbound = _inbound(messages, seller_domains)
    if correspondents is None:
        correspondents = _recipients(messages.loc[~inbound])
    candidates = messages.loc[inbound]
    scores = score_requests(candidates, new_text=new_text, correspondents=correspondents)
    keep = scores["request_score"] >= threshold
    chosen = candidates.loc[keep.to_numpy()]
    scored = scores.loc[keep.to_numpy()]
    keys = chosen.index.astype(str)
    frame = pd.DataFrame(
        {
            "message_key": pd.array(keys, dtype="str"),
            "message_id": _column(chosen, "message_id"),
            "sent_at": _times(chosen),
            "sender": _column(chosen, "sender"),
            "subject": _column(chosen, "subject"),
            "text": scored["text"].to_numpy(),
            "channel": "email",
            "request_score": scored["request_score"].to_numpy(),
            "cues": list(scored["cues"]),
        },
        index=pd.Index(["r" + k for k in keys], dtype="str", name="request_id"),
    )
    return combine_requests([frame], request_log)


def team_correspondents(messages: pd.DataFrame, seller_domains) -> frozenset[str]:
    """Lower-case addresses in the To and Cc of the team's own (outbound) messages.

    ``seller_domains`` as in :func:`detect_requests`. A request comes from
    someone in a conversation with the team far more often than from someone
    the team never wrote to (newsletters, broadcasts, strangers).

    Examples
    --------
    >>> import pandas as pd
    >>> msgs = pd.DataFrame({"sender": ["ann@seller.com", "dana@acme.com"],
    ...                      "to": [["Dana@Acme.com"], ["ann@seller.com"]],
    ...                      "cc": [[], []]})
    >>> sorted(team_correspondents(msgs, "seller.com"))
    ['dana@acme.com']
    """
    return _recipients(messages.loc[~_inbound(messages, seller_domains)])


def combine_requests(frames: list[pd.DataFrame],
                     request_log: pd.DataFrame | None = None) -> pd.DataFrame:
    """One requests frame from e-mail requests found in parts, plus the request log.

    ``detect_requests`` on a whole corpus equals ``combine_requests`` of
    ``detect_requests`` on consecutive parts of it (the sort is stable), which
    is how the Dask engine finds requests partition by partition.
    """
    frames = [f for f in frames if len(f)]
    if frames:
        frame = pd.concat(frames) if len(frames) > 1 else frames[0]
    else:
        frame = empty_frame("requests")
        frame["request_score"] = pd.Series([], dtype="float64")
        frame["cues"] = pd.Series([], dtype=object)
    if request_log is not None and len(request_log):
        log = validate_frame(request_log.copy(), "requests")
        log["channel"] = "rfi_log"
        if "request_score" not in log.columns:
            log["request_score"] = 1.0
        if "cues" not in log.columns:
            log["cues"] = [[] for _ in range(len(log))]
        frame = pd.concat([frame, log])
        frame["sent_at"] = pd.to_datetime(frame["sent_at"], utc=True).astype(
            "datetime64[us, UTC]")
    frame = frame.sort_values(["sent_at", "channel"], kind="stable", na_position="last")
    frame["cues"] = frame["cues"].astype(object)
    return validate_frame(frame, "requests")


# ------------------------------------------------------------------------ helpers


def _column(frame: pd.DataFrame, name: str) -> list[str]:
    if name not in frame.columns:
        return [""] * len(frame)
    return frame[name].fillna("").astype(str).tolist()


def _times(frame: pd.DataFrame):
    """Sending times as a timezone-aware (UTC) array; NaT when absent."""
    if "sent_at" not in frame.columns:
        return pd.array([pd.NaT] * len(frame), dtype="datetime64[us, UTC]")
    times = pd.to_datetime(frame["sent_at"], utc=True, errors="coerce")
    return times.astype("datetime64[us, UTC]").array


def _new_texts(messages: pd.DataFrame, new_text) -> list[str]:
    if new_text is not None:
        if not callable(new_text):
            raise TypeError(f"The 'new_text' parameter must be a function body -> text. Got "
                            f"{type(new_text).__name__} instead.")
        return [str(new_text(b) or "") for b in _column(messages, "body_text")]
    if "new_text" in messages.columns:
        return _column(messages, "new_text")
    return [fallback_new_text(b) for b in _column(messages, "body_text")]


def _recipients(messages: pd.DataFrame) -> frozenset[str]:
    out: set[str] = set()
    for column in ("to", "cc"):
        if column not in messages.columns:
            continue
        for addresses in messages[column]:
            if isinstance(addresses, (list, tuple, np.ndarray)):
                out.update(str(a).strip().lower() for a in addresses)
    return frozenset(out)


def _inbound(messages: pd.DataFrame, seller_domains) -> np.ndarray:
    if isinstance(seller_domains, str):
        seller_domains = [seller_domains]
    domains = tuple(sorted({str(d).lower().lstrip("@").strip() for d in seller_domains or ()
                            if str(d).strip()}))
    if not domains:
        if "direction" not in messages.columns:
            raise ValueError("detect_requests: seller_domains is empty and messages has no "
                             "'direction' column; pass seller_domains=['your-company.com'].")
        return (messages["direction"].fillna("") == "inbound").to_numpy()
    out = []
    for sender in _column(messages, "sender"):
        sender = sender.lower()
        domain = sender.rsplit("@", 1)[1] if "@" in sender else ""
        ours = any(sender == d or domain == d or domain.endswith("." + d) for d in domains)
        out.append(not ours)
    return np.asarray(out, dtype=bool)
