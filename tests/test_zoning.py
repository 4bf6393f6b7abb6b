"""E-mail zoning: inner headers in many clients and languages, body zones, hostile input."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vision_analytics._schema import validate_frame
from vision_analytics.normalize import (
    KINDS,
    new_text,
    parse_date,
    parse_inner_header,
    segment_messages,
    split_person,
    zone_body,
)

UTC = "UTC"


def ts(value: str) -> pd.Timestamp:
    return pd.Timestamp(value, tz=UTC)


def check_tiling(text: str, segments) -> None:
    """Segments cover the body in order, without gaps or overlap, and slice back to text."""
    if not text:
        assert segments == []
        return
    assert segments[0].start == 0
    assert segments[-1].end == len(text)
    for a, b in zip(segments, segments[1:], strict=False):
        assert a.end == b.start
    for s in segments:
        assert s.start < s.end
        assert text[s.start : s.end] == s.text
        assert s.kind in KINDS


def first_block(text: str, depth: int = 1):
    return next(s for s in zone_body(text) if s.depth == depth)


# --------------------------------------------------------------------------
# Field-block headers, one per language.
FIELD_HEADERS = [
    # (language, header lines, author, email, sent_at UTC, to, subject)
    ("en", "-----Original Message-----\nFrom: Lee, Ann [mailto:ann.lee@example.com]\n"
           "Sent: Monday, March 03, 2025 10:15 AM\nTo: Roe, Sam; Poe, Kim\nCc: Doe, Jo\n"
           "Subject: RE: five-year roadmap",
     "Lee, Ann", "ann.lee@example.com", "2025-03-03 10:15", ["Roe, Sam", "Poe, Kim"],
     "RE: five-year roadmap"),
    ("en-new", "________________________________\nFrom: Ann Lee <ann.lee@example.com>\n"
               "Sent: Monday, March 3, 2025 10:15 AM\nTo: Sam Roe <sam@seller.com>\n"
               "Subject: pricing",
     "Ann Lee", "ann.lee@example.com", "2025-03-03 10:15", ["Sam Roe <sam@seller.com>"],
     "pricing"),
    ("de", "Von: Müller, Jörg <joerg.mueller@kunde.de>\nGesendet: Montag, 3. März 2025 10:15\n"
           "An: Sam Roe <sam@seller.com>\nCc: Anna Schmidt <a.schmidt@kunde.de>\n"
           "Betreff: Angebot Rechenzentrum",
     "Müller, Jörg", "joerg.mueller@kunde.de", "2025-03-03 10:15",
     ["Sam Roe <sam@seller.com>"], "Angebot Rechenzentrum"),
    ("fr", "De : Claire Dubois <claire.dubois@client.fr>\nEnvoyé : mardi 4 mars 2025 09:12\n"
           "À : Sam Roe <sam@seller.com>\nObjet : Feuille de route",
     "Claire Dubois", "claire.dubois@client.fr", "2025-03-04 09:12",
     ["Sam Roe <sam@seller.com>"], "Feuille de route"),
    ("es", "De: Juan Pérez <juan.perez@cliente.es>\nEnviado el: lunes, 3 de marzo de 2025 10:15\n"
           "Para: Sam Roe <sam@seller.com>\nAsunto: Presupuesto",
     "Juan Pérez", "juan.perez@cliente.es", "2025-03-03 10:15",
     ["Sam Roe <sam@seller.com>"], "Presupuesto"),
    ("nl", "Van: Jan de Vries <jan@klant.nl>\nVerzonden: maandag 3 maart 2025 10:15\n"
           "Aan: Sam Roe <sam@seller.com>\nOnderwerp: Offerte",
     "Jan de Vries", "jan@klant.nl", "2025-03-03 10:15", ["Sam Roe <sam@seller.com>"],
     "Offerte"),
    ("it", "Da: Mario Rossi <mario.rossi@cliente.it>\nInviato: lunedì 3 marzo 2025 10:15\n"
           "A: Sam Roe <sam@seller.com>\nOggetto: Preventivo",
     "Mario Rossi", "mario.rossi@cliente.it", "2025-03-03 10:15",
     ["Sam Roe <sam@seller.com>"], "Preventivo"),
    ("pt", "De: João Silva <joao.silva@cliente.com.br>\n"
           "Enviada em: segunda-feira, 3 de março de 2025 10:15\n"
           "Para: Sam Roe <sam@seller.com>\nAssunto: Proposta",
     "João Silva", "joao.silva@cliente.com.br", "2025-03-03 10:15",
     ["Sam Roe <sam@seller.com>"], "Proposta"),
    # French Outlook puts a no-break space before each colon
    ("fr-nbsp", "De\u00a0: Claire Dubois <claire.dubois@client.fr>\n"
                "Envoyé\u00a0: mardi 4 mars 2025 09:12\n"
                "À\u00a0: Sam Roe <sam@seller.com>\nObjet\u00a0: Feuille de route",
     "Claire Dubois", "claire.dubois@client.fr", "2025-03-04 09:12",
     ["Sam Roe <sam@seller.com>"], "Feuille de route"),
    ("sv", "Från: Lars Berg <lars.berg@kund.se>\nSkickat: den 3 mars 2025 10:15\n"
           "Till: Sam Roe <sam@seller.com>\nKopia: Eva Lind <eva@kund.se>\nÄmne: Offert",
     "Lars Berg", "lars.berg@kund.se", "2025-03-03 10:15", ["Sam Roe <sam@seller.com>"],
     "Offert"),
    ("pl", "Od: Ewa Nowak <ewa.nowak@klient.pl>\nWysłano: poniedziałek, 3 marca 2025 10:15\n"
           "Do: Sam Roe <sam@seller.com>\nDW: Jan Kos <jan@klient.pl>\nTemat: Oferta",
     "Ewa Nowak", "ewa.nowak@klient.pl", "2025-03-03 10:15", ["Sam Roe <sam@seller.com>"],
     "Oferta"),
    ("da", "Fra: Mette Holm <mette@kunde.dk>\nSendt: 3. marts 2025 10:15\n"
           "Til: Sam Roe <sam@seller.com>\nEmne: Tilbud",
     "Mette Holm", "mette@kunde.dk", "2025-03-03 10:15", ["Sam Roe <sam@seller.com>"],
     "Tilbud"),
    ("ja", "差出人: 山田太郎 <taro.yamada@example.jp>\n送信日時: 2025年3月3日 10:15\n"
           "宛先: Sam Roe <sam@seller.com>\n件名: 見積もり",
     "山田太郎", "taro.yamada@example.jp", "2025-03-03 10:15", ["Sam Roe <sam@seller.com>"],
     "見積もり"),
    ("zh", "发件人: 张伟 <zhang.wei@example.cn>\n发送时间: 2025年3月3日 10:15\n"
           "收件人: Sam Roe <sam@seller.com>\n主题: 报价",
     "张伟", "zhang.wei@example.cn", "2025-03-03 10:15", ["Sam Roe <sam@seller.com>"], "报价"),
    ("date", "From: Ann Lee <ann@example.com>\nDate: Fri, 2 Nov 2001 10:24:17 -0800 (PST)\n"
             "To: sam@seller.com\nSubject: hello",
     "Ann Lee", "ann@example.com", "2001-11-02 18:24:17", ["sam@seller.com"], "hello"),
]


@pytest.mark.parametrize(
    "lang, header, author, email, sent, to, subject",
    FIELD_HEADERS,
    ids=[h[0] for h in FIELD_HEADERS],
)
def test_field_block_header_in_every_language(lang, header, author, email, sent, to, subject):
    parsed = parse_inner_header(header)
    assert parsed is not None
    assert (parsed.author, parsed.author_email) == (author, email)
    assert parsed.sent_at == ts(sent)
    assert parsed.to == to
    assert parsed.subject == subject

    body = f"Please see below.\n\n{header}\n\nThe quoted request text.\n"
    segments = zone_body(body)
    check_tiling(body, segments)
    block = first_block(body)
    assert block.author == author and block.sent_at == ts(sent)
    assert body[block.header_start : block.header_end].strip() == header.strip()
    assert new_text(body) == "Please see below."


def test_cc_and_quoted_prefix_are_parsed():
    header = parse_inner_header(
        "> -----Original Message-----\n> From: Lee, Ann\n> Sent: Monday, March 03, 2025 10:15 AM\n"
        "> To: Roe, Sam; Poe, Kim\n> Cc: Doe, Jo; Smith, Al\n> Subject: roadmap"
    )
    assert header.cc == ["Doe, Jo", "Smith, Al"]
    assert header.to == ["Roe, Sam", "Poe, Kim"]
    assert header.style == "original_message"


# --------------------------------------------------------------------------
# Attribution lines (Gmail, Apple Mail, Thunderbird) in every language.
ATTRIBUTIONS = [
    ("On Mon, Nov 12, 2001 at 1:28 PM, Ann Lee <ann@example.org> wrote:",
     "Ann Lee", "ann@example.org", "2001-11-12 13:28"),
    ("On 3 Mar 2025, at 10:15, Ann Lee <ann@example.org> wrote:",
     "Ann Lee", "ann@example.org", "2025-03-03 10:15"),
    ("Am Mo., 3. März 2025 um 10:15 Uhr schrieb Max Muster <max@example.de>:",
     "Max Muster", "max@example.de", "2025-03-03 10:15"),
    ("Le lun. 3 mars 2025 à 10:15, Jean Dupont <jean@example.fr> a écrit :",
     "Jean Dupont", "jean@example.fr", "2025-03-03 10:15"),
    ("El lun, 3 mar 2025 a las 10:15, Juan Pérez (<juan@example.es>) escribió:",
     "Juan Pérez", "juan@example.es", "2025-03-03 10:15"),
    ("Le lun. 3 mars 2025 à 10:15, Jean Dupont <jean@example.fr> a écrit\u00a0:",
     "Jean Dupont", "jean@example.fr", "2025-03-03 10:15"),
    ("Den mån 3 mars 2025 kl 10:15 skrev Lars Berg <lars@example.se>:",
     "Lars Berg", "lars@example.se", "2025-03-03 10:15"),
    ("Op ma 3 mrt. 2025 om 10:15 schreef Jan Jansen <jan@example.nl>:",
     "Jan Jansen", "jan@example.nl", "2025-03-03 10:15"),
    ("Il giorno lun 3 mar 2025 alle ore 10:15 Mario Rossi <mario@example.it> ha scritto:",
     "Mario Rossi", "mario@example.it", "2025-03-03 10:15"),
    ("Em seg., 3 de mar. de 2025 às 10:15, João Silva <joao@example.br> escreveu:",
     "João Silva", "joao@example.br", "2025-03-03 10:15"),
    ("张三 <zhangsan@example.cn> 于2025年3月3日周一 10:15写道：",
     "张三", "zhangsan@example.cn", "2025-03-03 10:15"),
    ("2025年3月3日(月) 10:15 山田太郎 <taro@example.jp>:",
     "山田太郎", "taro@example.jp", "2025-03-03 10:15"),
    ("On Tue, Feb 21, 2017 at 3:07 PM, Ann Lee <ann@example.org>\nwrote:",
     "Ann Lee", "ann@example.org", "2017-02-21 15:07"),
    ("On Sun, Apr 16, 2017 at 11:40 AM, Zheng Lin\n<zl@example.org> wrote:",
     "Zheng Lin", "zl@example.org", "2017-04-16 11:40"),
]


@pytest.mark.parametrize("line, author, email, sent", ATTRIBUTIONS)
def test_attribution_lines(line, author, email, sent):
    body = f"Sounds good to me.\n\n{line}\n> Can you send the five-year plan?\n> Ann\n"
    segments = zone_body(body)
    check_tiling(body, segments)
    block = first_block(body)
    assert (block.author, block.author_email) == (author, email)
    assert block.sent_at == ts(sent)
    assert block.kind == "quoted" and block.header_style == "attribution"
    assert new_text(body) == "Sounds good to me."


def test_nested_quote_depths():
    body = (
        "Top answer.\n\n"
        "On Tue, Feb 21, 2017 at 3:07 PM, Bo Ek <bo@example.org> wrote:\n"
        "> Middle answer.\n>\n"
        "> On Mon, Feb 20, 2017 at 1:00 PM, Cy Dahl <cy@example.org> wrote:\n"
        ">> Original question?\n"
    )
    segments = zone_body(body)
    check_tiling(body, segments)
    depth_of = {s.author: s.depth for s in segments if s.author}
    assert depth_of == {"Bo Ek": 1, "Cy Dahl": 2}
    assert "Original question?" in first_block(body, depth=2).text


# --------------------------------------------------------------------------
# Forwards.
FORWARDS = [
    "---------- Forwarded message ---------\nFrom: Ann Lee <ann@example.org>\n"
    "Date: Mon, Mar 3, 2025 at 10:15 AM\nSubject: plan\nTo: <sam@seller.com>",
    "---------- Weitergeleitete Nachricht ---------\nVon: Ann Lee <ann@example.org>\n"
    "Date: Mo., 3. März 2025 um 10:15 Uhr\nSubject: plan\nTo: <sam@seller.com>",
    "-------- Message transféré --------\nDe : Ann Lee <ann@example.org>\n"
    "Date : lun. 3 mars 2025 à 10:15\nObjet : plan\nÀ : <sam@seller.com>",
    "---------- Mensaje reenviado ---------\nDe: Ann Lee <ann@example.org>\n"
    "Date: lun, 3 mar 2025 a las 10:15\nSubject: plan\nTo: <sam@seller.com>",
    "---------- Doorgestuurd bericht ---------\nVan: Ann Lee <ann@example.org>\n"
    "Date: ma 3 mrt. 2025 om 10:15\nSubject: plan\nTo: <sam@seller.com>",
    "---------- Messaggio inoltrato ---------\nDa: Ann Lee <ann@example.org>\n"
    "Date: lun 3 mar 2025 alle ore 10:15\nSubject: plan\nTo: <sam@seller.com>",
    "---------- Mensagem encaminhada ---------\nDe: Ann Lee <ann@example.org>\n"
    "Date: seg., 3 de mar. de 2025 às 10:15\nSubject: plan\nTo: <sam@seller.com>",
    "Begin forwarded message:\n\nFrom: Ann Lee <ann@example.org>\n"
    "Subject: plan\nDate: 3 March 2025 at 10:15:00 CET\nTo: sam@seller.com",
    "-------- Vidarebefordrat meddelande --------\nÄmne: plan\nDatum: 2025-03-03 10:15\n"
    "Från: Ann Lee <ann@example.org>\nTill: sam@seller.com",
    "Vidarebefordrat brev:\n\nFrån: Ann Lee <ann@example.org>\nÄmne: plan\n"
    "Datum: 3 mars 2025 10:15:00 CET\nTill: sam@seller.com",
    "---------- Wiadomość przekazana dalej ---------\nOd: Ann Lee <ann@example.org>\n"
    "Date: pon., 3 mar 2025 o 10:15\nSubject: plan\nTo: <sam@seller.com>",
]


@pytest.mark.parametrize("header", FORWARDS, ids=lambda h: h.split("\n")[0][:30])
def test_forward_markers(header):
    body = f"FYI, see the plan request below.\n\n{header}\n\nWhat would a 5-year plan cost?\n"
    segments = zone_body(body)
    check_tiling(body, segments)
    block = first_block(body)
    assert block.kind == "forwarded"
    assert (block.author, block.author_email) == ("Ann Lee", "ann@example.org")
    assert block.sent_at is not None and block.sent_at.date() == pd.Timestamp("2025-03-03").date()
    assert "5-year plan" in block.text or "5-year plan" in body[block.header_end :]


def test_lotus_notes_forward_banner_and_reply_header():
    body = (
        "Kevin, can you look at this?\n\n"
        "---------------------- Forwarded by Jane Doe/HOU/ECT on 01/02/2001 09:15 AM "
        "---------------------------\n\n\n"
        "John Smith@ENRON\n01/01/2001 04:30 PM\n"
        "To: Jane Doe/HOU/ECT@ECT\ncc: Bob Roe/HOU/ECT@ECT, Al Poe/Corp/Enron@ENRON\n"
        "Subject: Re: curves\n\nWe need the long-term curves by Friday.\n"
    )
    segments = zone_body(body)
    check_tiling(body, segments)
    banner = first_block(body, 1)
    assert banner.kind == "forwarded" and banner.author == "Jane Doe"
    assert banner.header_style == "lotus_forward"
    assert banner.sent_at == ts("2001-01-02 09:15")
    reply = first_block(body, 2)
    assert reply.kind == "forwarded"  # the message right under the banner
    assert reply.author == "John Smith" and reply.header_style in ("lotus", "outlook")
    assert reply.sent_at == ts("2001-01-01 16:30")
    assert reply.to == ["Jane Doe/HOU/ECT@ECT"]
    assert reply.cc == ["Bob Roe/HOU/ECT@ECT", "Al Poe/Corp/Enron@ENRON"]
    assert reply.subject == "Re: curves"
    assert new_text(body) == "Kevin, can you look at this?"


def test_lotus_two_column_header():
    body = (
        "Please review.\n\n"
        "                    Ann Lee\n"
        "                    <ann.lee@exam        To:     Jo Roe <jo@example.com>, \n"
        "                    ple.com>             cc:     Bo Ek <bo@example.com>\n"
        "                                         Subject:     Renewal terms\n"
        "                    05/01/2001\n"
        "                    06:59 PM\n\n"
        "We want a 5-year term.\n"
    )
    segments = zone_body(body)
    check_tiling(body, segments)
    block = first_block(body)
    assert block.header_style == "lotus_columns"
    assert (block.author, block.author_email) == ("Ann Lee", "ann.lee@example.com")
    assert block.sent_at == ts("2001-05-01 18:59")
    assert block.subject == "Renewal terms"
    assert block.to == ["Jo Roe <jo@example.com>"] and block.cc == ["Bo Ek <bo@example.com>"]
    assert new_text(body) == "Please review."


@pytest.mark.parametrize(
    "subject, expected",
    [("FW: plan", "forwarded"), ("WG: Plan", "forwarded"), ("TR : plan", "forwarded"),
     ("RE: FW: plan", "quoted"), ("RE: plan", "quoted"), ("", "quoted")],
)
def test_subject_tells_forwarded_from_quoted(subject, expected):
    body = (
        "See below.\n\n-----Original Message-----\nFrom: Lee, Ann\n"
        "Sent: Monday, March 03, 2025 10:15 AM\nTo: Roe, Sam\nSubject: FW: budget\n\n"
        "Fyi.\n\n-----Original Message-----\nFrom: Kim, Bo\n"
        "Sent: Sunday, March 02, 2025 09:00 AM\nTo: Lee, Ann\nSubject: budget\n\nThe ask.\n"
    )
    segments = zone_body(body, subject=subject)
    check_tiling(body, segments)
    assert first_block(body).kind == "quoted"  # no subject given
    assert next(s for s in segments if s.depth == 1).kind == expected
    # the inner block sits under "Subject: FW: budget": it was forwarded
    assert next(s for s in segments if s.depth == 2).kind == "forwarded"


def test_lotus_wrapped_banner_and_name_on_date_form():
    body = (
        "See below.\n\n"
        "---------------------- Forwarded by Jane Doe/HOU/ECT on 01/02/2001 09:15 \n"
        "AM ---------------------------\n\n"
        '"Ann Lee" <ann@example.com> on 12/28/2000 \n03:05:10 PM\n'
        "To: jane.doe@enron.com\ncc:  \n\nSubject: year-end\n\nNumbers attached.\n"
    )
    segments = zone_body(body)
    check_tiling(body, segments)
    assert first_block(body, 1).author == "Jane Doe"
    inner = first_block(body, 2)
    assert (inner.author, inner.author_email) == ("Ann Lee", "ann@example.com")
    assert inner.sent_at == ts("2000-12-28 15:05:10")


def test_a_notes_wrote_on_line_above_a_field_block_is_one_header():
    # Lotus Notes 9 replies: the author's "wrote on <date>:" line, the field block of
    # the same message, then that message quoted. The closing and the Spanish
    # disclaimer above it end the new text, and the quoted message is one level down
    body = (
        "Buenos días,\n\n¿Hay alguna novedad?\n\nSaludos,\n\nRaúl\n\n"
        "Este mensaje y sus archivos adjuntos son confidenciales y están dirigidos "
        "exclusivamente a sus destinatarios.\n\n"
        '"Hannah Shah" <hannah.shah@example.net> wrote on 14.06.2023 14:09:\n\n'
        'From:\t"Hannah Shah" <hannah.shah@example.net>\nTo:\tRaúl Torres/ES/IBERIA\n'
        "Date:\t14.06.2023 14:09\nSubject:\tRE: Access for new colleague\n\n"
        "> Dear Raúl,\n>\n> Yes, the same applies.\n>\n> Cheers,\n> Hannah\n"
    )
    segments = zone_body(body)
    check_tiling(body, segments)
    assert new_text(body).strip() == "¿Hay alguna novedad?"
    assert [s.kind for s in segments if s.depth == 0 and s.text.strip()] == [
        "greeting", "new", "closing", "disclaimer"]
    inner = first_block(body, 1)
    assert (inner.author, inner.author_email) == ("Hannah Shah", "hannah.shah@example.net")
    assert inner.sent_at == ts("2023-06-14 14:09") and inner.subject.endswith("new colleague")
    assert max(s.depth for s in segments) == 1
    assert any(s.depth == 1 and "same applies" in s.text for s in segments)
    # prose that says "wrote on" is no attribution
    prose = "As I wrote on 3 March:\n\nthe rollout waits for the audit.\n"
    assert {s.depth for s in zone_body(prose)} == {0}


# --------------------------------------------------------------------------
# Dates and people.
@pytest.mark.parametrize(
    "text, expected",
    [
        ("Montag, 3. März 2025 10:15", "2025-03-03 10:15"),
        ("mardi 4 mars 2025 09:12", "2025-03-04 09:12"),
        ("2025年3月3日 10:15", "2025-03-03 10:15"),
        ("2025年3月3日 午後3:15", "2025-03-03 15:15"),
        ("01/02/2001 09:15 AM", "2001-01-02 09:15"),
        ("21/11/2000 12:59", "2000-11-21 12:59"),
        ("Mon, Nov 12, 2001 at 1:28 PM", "2001-11-12 13:28"),
        ("Fri, 2 Nov 2001 10:24:17 -0800 (PST)", "2001-11-02 18:24:17"),
        ("10/16/2000 07:54 PM CDT", "2000-10-17 00:54"),
        ("2017-03-02 15:57 GMT+02:00", "2017-03-02 13:57"),
        ("12:00 PM 5/6/2001", "2001-05-06 12:00"),
    ],
)
def test_parse_date_to_utc(text, expected):
    assert parse_date(text) == ts(expected)


@pytest.mark.parametrize("text", ["", "no date here", "99/99/9999 10:00", "31/02/2001", None])
def test_parse_date_rejects_what_is_not_a_date(text):
    assert parse_date(text) is None


@pytest.mark.parametrize(
    "value, expected",
    [
        ('"Doe, Jane" <jane.doe@example.com>', ("Doe, Jane", "jane.doe@example.com")),
        ("Doe, Jane [mailto:jane.doe@example.com]", ("Doe, Jane", "jane.doe@example.com")),
        ("Brent A Price/HOU/ECT@ECT", ("Brent A Price", "")),
        ("Jeff Dasovich@ENRON", ("Jeff Dasovich", "")),
        ("Shona Wilson @ ENRON", ("Shona Wilson", "")),
        ("jane.doe@example.com", ("", "jane.doe@example.com")),
        ("Ann Lee", ("Ann Lee", "")),
    ],
)
def test_split_person(value, expected):
    assert split_person(value) == expected


def test_parse_inner_header_returns_none_for_prose():
    assert parse_inner_header("") is None
    assert parse_inner_header("From: the table below you can see the totals.") is None
    assert parse_inner_header("We met on Monday and discussed the plan.") is None


# --------------------------------------------------------------------------
# Greeting, closing, signature, disclaimer.
def kinds(text):
    return [(s.kind, s.text.strip()) for s in zone_body(text) if s.text.strip()]


def test_greeting_closing_signature_and_disclaimer_zones():
    body = (
        "Hi Dana,\n\n"
        "Could you send the 5-year capacity forecast before Friday?\n"
        "The new CIO wants it for the board.\n\n"
        "Best regards,\nSam\n\n"
        "Sam Roe\nSenior Account Manager\nSeller Corp.\n"
        "Tel: +1 713 555 0100\nsam.roe@seller.com\n\n"
        "CONFIDENTIALITY NOTICE: This e-mail and any attachments are confidential and "
        "intended solely for the addressee.\nIf you received this e-mail in error, "
        "please notify the sender.\n"
    )
    segments = zone_body(body)
    check_tiling(body, segments)
    got = kinds(body)
    assert got[0] == ("greeting", "Hi Dana,")
    assert got[1][0] == "new" and got[1][1].startswith("Could you send")
    assert got[2] == ("closing", "Best regards,\nSam")
    assert got[3][0] == "signature" and got[3][1].startswith("Sam Roe")
    assert got[4][0] == "disclaimer" and got[4][1].startswith("CONFIDENTIALITY NOTICE")
    assert new_text(body) == (
        "Could you send the 5-year capacity forecast before Friday?\n"
        "The new CIO wants it for the board."
    )


@pytest.mark.parametrize(
    "disclaimer",
    [
        "Diese E-Mail enthält vertrauliche Informationen. Wenn Sie nicht der richtige "
        "Empfänger sind,\nbenachrichtigen Sie bitte sofort den Absender.",
        "Ce message est confidentiel et destiné exclusivement au destinataire.\n"
        "Toute diffusion non autorisée est interdite.",
        "Este mensaje es confidencial y está dirigido exclusivamente a su destinatario.\n"
        "Si lo ha recibido por error, avise al remitente.",
        "Dit bericht is vertrouwelijk en uitsluitend bestemd voor de geadresseerde.\n"
        "Heeft u dit bericht per vergissing ontvangen, meld het de afzender.",
        "Ta wiadomość jest poufna i przeznaczona wyłącznie dla adresata.\n"
        "Jeżeli otrzymali Państwo ją przez pomyłkę, prosimy o usunięcie.",
        "Detta meddelande är konfidentiellt och endast avsett för mottagaren.\n"
        "Om du fått det av misstag, meddela avsändaren.",
    ],
)
def test_multilingual_disclaimers(disclaimer):
    body = f"Bitte senden Sie uns das Angebot bis Freitag.\n\n{disclaimer}\n"
    got = kinds(body)
    assert got[0] == ("new", "Bitte senden Sie uns das Angebot bis Freitag.")
    assert got[-1] == ("disclaimer", disclaimer)


def test_a_disclaimer_the_server_appends_under_the_quoted_thread():
    # Exchange transport rules append the company disclaimer at the very end, below
    # the quoted history: it is not the author's new text
    body = (
        "Dear Fiona,\n\nAny news here? Sorry to chase.\n\nBest regards,\nSerena\n\n"
        "On 16 May 2024, at 15:25, Serena Colombo <scolombo@ferrandi.it> wrote:\n"
        "> Could you share the roadmap for the next two quarters?\n\n"
        "Questo messaggio e i suoi allegati possono contenere informazioni riservate.\n"
        "This message and its attachments are intended only for the named recipients and "
        "may be confidential. If received in error, please notify the sender.\n"
    )
    segments = zone_body(body)
    check_tiling(body, segments)
    got = kinds(body)
    assert got[-1][0] == "disclaimer" and got[-1][1].startswith("Questo messaggio")
    assert [t for k, t in got if k == "new"] == ["Any news here? Sorry to chase."]
    # a message that is all legal text is still the author's message
    notice = ("This notice is confidential and intended only for the named recipients; "
              "if received in error, please notify the sender.\n")
    assert [k for k, _ in kinds(notice)] == ["new"]


@pytest.mark.parametrize(
    "greeting, closing",
    [
        ("Hallo Herr Müller,", "Mit freundlichen Grüßen"),
        ("Bonjour Claire,", "Cordialement"),
        ("Hola Juan,", "Saludos,"),
        ("Beste Jan,", "Met vriendelijke groet,"),
        ("Ciao Mario,", "Cordiali saluti"),
        ("Buongiorno Paolo,", "Un saluto,"),
        ("Gentile Sara,", "Un cordiale saluto"),
        ("Estimado Luis,", "Un cordial saludo,"),
        ("Caro Rui,", "Melhores cumprimentos,"),
        ("Hoi Sanne,", "Hartelijke groet,"),
        ("Olá João,", "Atenciosamente,"),
        ("Hiya Derek!!", "Cheers,"),
        ("Howdy all!", "Thanks,"),
        ("Dear team,", "Thanks,"),
        ("Hej Lars,", "Med vänliga hälsningar"),
        ("Dzień dobry,", "Pozdrawiam"),
        ("Cześć Tom,", "Pozdr."),
        ("Hi Sam,", "BR"),
    ],
)
def test_multilingual_greetings_and_closings(greeting, closing):
    body = f"{greeting}\n\nThe request text is here and it is long enough.\n\n{closing}\nAnna\n"
    got = kinds(body)
    assert got[0] == ("greeting", greeting)
    assert got[1] == ("new", "The request text is here and it is long enough.")
    assert got[2] == ("closing", f"{closing}\nAnna")


@pytest.mark.parametrize(
    "banner",
    ["[EXTERNAL] This email originated outside the organisation. Do not click links or open "
     "attachments unless you recognise the sender.",
     "CAUTION: This email originated from outside of the organization.",
     "[EXTERNE] Ce message provient d'un expéditeur externe à l'organisation."],
)
@pytest.mark.parametrize("gap", ["\n\n", "\n"])
def test_a_gateway_banner_over_the_message_is_no_part_of_it(banner, gap):
    body = f"{banner}{gap}Hi Sam,\n\nCan you price option B as well?\n\nThanks,\nAnna\n"
    got = kinds(body)
    assert got[0] == ("disclaimer", banner)
    assert got[1] == ("greeting", "Hi Sam,")
    assert new_text(body) == "Can you price option B as well?"


def test_a_banner_over_a_bottom_posted_reply():
    banner = "[EXTERNAL] This email originated outside the organisation."
    body = (f"{banner}\n\nOn Mon, Feb 7, 2022 at 9:37 AM Ann Lee <ann@example.org> wrote:\n"
            "> Here is the uptime report.\n\nHi team,\n\nWhat are your support hours?\n")
    segments = zone_body(body)
    check_tiling(body, segments)
    assert (segments[0].kind, segments[0].text.strip()) == ("disclaimer", banner)
    assert new_text(body).endswith("What are your support hours?")
    assert "EXTERNAL" not in new_text(body)


def test_a_warning_in_the_authors_own_words_is_not_a_banner():
    body = "Warning: the deadline moved, outside our control.\n\nCan you send the plan?\n"
    assert new_text(body) == body.strip()


@pytest.mark.parametrize(
    "footer",
    ["-- \nAnna Berg\nhttps://example.org", "Sent from my iPhone", "Von meinem iPhone gesendet",
     "Envoyé de mon iPhone", "Scarica Outlook per Android", "Outlook voor Android downloaden",
     "Android 版 Outlook を入手", "Get Outlook for iOS"],
)
def test_signature_separators_and_mobile_lines(footer):
    body = f"Please price option B as well.\n\n{footer}\n"
    got = kinds(body)
    assert got[0] == ("new", "Please price option B as well.")
    assert got[-1] == ("signature", footer.strip())


@pytest.mark.parametrize("register", [
    # a German company's mandatory footer, on its own line below the signature
    "\n\nSitz der Gesellschaft: Bremen · Registergericht: Amtsgericht Bremen HRB 20417",
    # ... or right under it, with the directors on a line of their own
    "\nSitz der Gesellschaft: Bremen · Registergericht: Amtsgericht Bremen HRB 20417"
    "\nGeschäftsführer: Dr. Anja Meier, Bernd Schulz",
    "\n\nRegistered in England and Wales. Company no. 04123456. Registered office: "
    "1 Quay Street, Bristol BS1 4DJ",
    "\n\nKvK 12345678 · BTW-nummer NL001234567B01",
])
def test_a_companys_legal_footer_closes_the_message(register):
    """The closing and the signature above a company's legal footer (its seat, register
    court and number, directors) are found as they are without it: the footer's one
    long line must not make the lines above it read as the author's words."""
    body = ("Guten Tag Herr Rahman,\n\nKönnten Sie den Nutzungsbericht für Q3 schicken?\n\n"
            "Beste Grüße\nSvenja\n\nSvenja Ebert\nBusiness Analyst\nKaltenbach Logistik AG\n"
            "T +49 26 319 7780" + register + "\n")
    segments = zone_body(body)
    check_tiling(body, segments)
    assert new_text(body) == "Könnten Sie den Nutzungsbericht für Q3 schicken?"
    got = kinds(body)
    assert ("closing", "Beste Grüße\nSvenja") in got
    assert got[-1][0] == "signature" and got[-1][1].endswith(register.strip().split()[-1])


@pytest.mark.parametrize("last", [
    "Please send the invoice to our registered office.",
    "Could you confirm the VAT number 12345678 on the invoice?",
])
def test_the_authors_own_words_about_a_register_are_no_footer(last):
    body = f"Hi Sam,\n\nThe order is attached.\n\n{last}\n"
    assert new_text(body) == f"The order is attached.\n\n{last}"


def test_a_question_about_outlook_on_android_is_no_footer():
    body = "Does the Outlook add-in work on Android?\n"
    assert kinds(body) == [("new", body.strip())]


def test_signature_is_structural_not_a_name_list():
    body = (
        "We will need the numbers for the steering committee next week.\n\n"
        "Xavier Quill\nHead of Platform, Example GmbH\n+49 30 1234 5678\nwww.example.de\n"
    )
    got = kinds(body)
    assert got[-1][0] == "signature" and got[-1][1].startswith("Xavier Quill")
    # prose with a phone number inside a sentence is not a signature
    prose = "Call me at 713-555-0100 tomorrow about the roadmap, it is urgent for us.\n"
    assert kinds(prose) == [("new", prose.strip())]


def test_thanks_inside_prose_is_not_a_closing():
    body = "Thanks for the update, we will review the proposal with the IT architecture board.\n"
    assert kinds(body) == [("new", body.strip())]
    # a thank-you line followed by more of the author's words is not a closing either
    body = "Hi,\n\nSee attached.\n\nThanks for the update,\nwe will look at it\n"
    assert [k for k, _ in kinds(body)] == ["greeting", "new"]


def test_signature_after_an_opening_thanks():
    body = "Thanks!\n\nElena Chilkina\nAmericas Desk\n713.853.4305\n"
    assert kinds(body) == [
        ("new", "Thanks!"), ("signature", "Elena Chilkina\nAmericas Desk\n713.853.4305")
    ]


def test_a_name_and_title_line_under_a_closing_is_a_signature():
    body = ("Is this a known issue?\n\nKind regards,\n\n"
            "James Okafor | Lead Solution Architect | Digital & IT\n")
    got = [(k, t) for k, t in kinds(body) if t]
    assert got == [("new", "Is this a known issue?"), ("closing", "Kind regards,"),
                   ("signature", "James Okafor | Lead Solution Architect | Digital & IT")]
    # a line of the message that only looks like one (no name before the title) stays
    body = "Next steps:\n\nThanks,\n\nBudget | Project Lead | Q3\n"
    assert "signature" not in [k for k, _ in kinds(body)]


@pytest.mark.parametrize("line", ["Sue & Mary --", "Team:", "Chris/Joe,", "Frank and Hector,"])
def test_vocative_greetings(line):
    assert kinds(f"{line}\n\nThe plan is attached for your review.\n")[0] == ("greeting", line)


# --------------------------------------------------------------------------
# Hostile and degenerate input.
def test_empty_and_non_text():
    assert zone_body("") == []
    assert zone_body(None) == []
    assert new_text("") == ""


def test_header_like_lines_inside_prose_stay_new_text():
    body = (
        "From: the table below you can see that the totals changed.\n"
        "To: be clear, nobody approved the budget.\n\n"
        "| From: | To: |\n|-------|-----|\n| A | B |\n"
    )
    segments = zone_body(body)
    check_tiling(body, segments)
    assert {s.depth for s in segments} == {0}


def test_unstructured_body_is_all_new_text():
    body = "just some text\nwith no structure at all\n" * 50
    segments = zone_body(body)
    assert [(s.kind, s.depth) for s in segments] == [("new", 0)]


def test_ten_thousand_quote_lines_and_a_ten_thousand_line_body():
    quoted = "\n".join("> " * (1 + i % 3) + f"line {i}" for i in range(10_000))
    segments = zone_body(quoted)
    check_tiling(quoted, segments)
    assert all(s.depth > 0 for s in segments)
    only_marks = ">" * 10_000 + "\n" + ">\n" * 10_000
    check_tiling(only_marks, zone_body(only_marks))
    long_body = "word " * 12 + "\n"
    long_body = long_body * 10_000 + "On Mon wrote\n" * 100 + ("x" * 5000 + ":\n") * 10
    check_tiling(long_body, zone_body(long_body))


def test_one_megabyte_body_and_one_megabyte_line():
    body = ("Lorem ipsum dolor sit amet, consectetur: adipiscing 01/02/2001 10:00 AM\n") * 14_000
    check_tiling(body, zone_body(body))
    line = "a" * 1_000_000
    assert [s.kind for s in zone_body(line)] == ["new"]


def test_mixed_encodings_and_control_characters():
    body = "Grüße\r\nMojibake: GrÃ¼ÃŸe \x00\x1b[31m\ufffd\u2028next\r\n\r\nVon: x\r\n"
    check_tiling(body, zone_body(body))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.one_of(
            st.text(max_size=40),
            st.sampled_from([
                "> ", ">> ", "\n", "\r\n", "From: A <a@b.com>", "Sent: Monday, March 03, 2025",
                "To: x", "Subject: y", "-----Original Message-----", "wrote:", "On Mon, ",
                "-- ", "Thanks,", "Hi Ann,", "---------- Forwarded message ---------",
                "01/02/2001 09:15 AM", "Forwarded by X/HOU/ECT on ", "\t", "：", "写道",
            ]),
        ),
        max_size=40,
    )
)
def test_property_random_text_never_raises_and_tiles(parts):
    text = "".join(parts)
    segments = zone_body(text)
    check_tiling(text, segments)
    assert isinstance(new_text(text), str)


# --------------------------------------------------------------------------
# The segments frame.
def test_segment_messages_validates_and_fills_depth_zero_author():
    messages = pd.DataFrame(
        {
            "body_text": [
                "Hi,\nplease see below.\n\n-----Original Message-----\nFrom: Lee, Ann\n"
                "Sent: Monday, March 03, 2025 10:15 AM\nTo: Roe, Sam\nSubject: plan\n\nAsk.\n",
                "",
                None,
            ],
            "sender": ["sam@seller.com", "x@y.com", "z@y.com"],
            "sender_name": ["Sam Roe", "X", "Z"],
            "sent_at": pd.to_datetime(["2025-03-04", "2025-03-05", "2025-03-06"], utc=True),
        },
        index=pd.Index(["m1", "m2", "m3"], name="message_key"),
    )
    frame = segment_messages(messages)
    validate_frame(frame, "segments")
    assert set(frame["message_key"]) == {"m1"}
    top = frame[frame["depth"] == 0]
    assert set(top["author_email"]) == {"sam@seller.com"}
    quoted = frame[frame["depth"] == 1].iloc[0]
    assert quoted["author"] == "Lee, Ann" and quoted["sent_at"] == ts("2025-03-03 10:15")
    assert quoted["to"] == ["Roe, Sam"] and quoted["subject"] == "plan"
    body = messages["body_text"].iloc[0]
    for row in frame.itertuples():
        assert body[row.start : row.end] == row.text
    for col in ("depth", "to", "cc", "subject", "header_start", "header_end", "header_style"):
        assert col in frame.columns


def test_segment_messages_empty_and_bad_input():
    empty = pd.DataFrame({"body_text": pd.Series([], dtype="str")},
                         index=pd.Index([], name="message_key", dtype="str"))
    validate_frame(segment_messages(empty), "segments")
    with pytest.raises(ValueError, match="'body_text' column"):
        segment_messages(pd.DataFrame({"text": ["a"]}))


# --------------------------------------------------------------------------
# Passages pasted into a note: someone else's words, set off and introduced.
_PASTED_NOTE = """Sanne,

Copying in the text from Sergio's note:

  Niccolo,

  before we sign anything multi-year we need you to confirm how you fit a
  service-as-a-platform model: SSO, conditional access, audit logging. We also
  want your view on an event-driven integration hub.

  Regards,
  Sergio

Can you estimate what a team of five would cost over nine months?

Thank you,
Niccolo
"""


def _kinds(body: str) -> list[tuple[str, int, str, str]]:
    return [(s.kind, s.depth, s.author, s.header_style) for s in zone_body(body)]


def test_an_indented_paste_is_a_quoted_block_of_its_author():
    segments = zone_body(_PASTED_NOTE)
    pasted = [s for s in segments if s.depth == 1]
    assert len(pasted) == 1 and pasted[0].kind == "quoted"
    assert pasted[0].author == "Sergio" and pasted[0].header_style == "pasted"
    assert "service-as-a-platform" in pasted[0].text
    # the note's own lines stay the author's: the lead-in and the ask around the paste
    own = new_text(_PASTED_NOTE)
    assert "Copying in the text" in own and "nine months" in own
    assert "service-as-a-platform" not in own
    assert "".join(s.text for s in segments) == _PASTED_NOTE


def test_a_quoted_paste_without_a_signature_has_no_author():
    body = ("Morning Jessica,\n\nA vendor sent us the following, pasting the relevant part:"
            "\n\n\"As requested, a first outline. We license Pilot on the basis of a flight deck"
            " for axles, so you only pay for what moves.\n\nLet me know when you'd like to "
            "walk through the numbers.\"\n\nCould you come back to me on this?\n\nBest,\nJeroen\n")
    pasted = [s for s in zone_body(body) if s.depth == 1]
    assert len(pasted) == 1 and pasted[0].author == "" and pasted[0].header_style == "pasted"
    assert pasted[0].text.startswith('"As requested') and "flight deck" in pasted[0].text
    assert new_text(body).endswith("Could you come back to me on this?")


@pytest.mark.parametrize("lead_in", [
    "Here is the error I get:",  # one's own material, not someone's words
    "The plan has three parts",  # no colon: not introducing anything
])
def test_indented_material_of_ones_own_stays_new_text(lead_in):
    body = (f"Hi all,\n\n{lead_in}\n\n  Exception in thread main: the connection to the "
            "broker was refused after\n  three retries of thirty seconds each on every node\n\n"
            "Any idea?\n")
    assert all(depth == 0 for _, depth, _, _ in _kinds(body))


_PLAIN_PASSAGE = ("From December onwards, two-day data encryption is a requirement for "
                  "anything we onboard, and vendors will be assessed on it.")


@pytest.mark.parametrize("passage", [_PLAIN_PASSAGE, f"-- {_PLAIN_PASSAGE} --"])
def test_a_plain_paragraph_a_lead_in_says_it_pastes_is_a_paste(passage):
    body = ("Hi Jonas\n\nCould you refresh our sandbox from production this weekend?\n\n"
            f"Copying a paragraph from a note I received:\n\n{passage}\n\n"
            "How would you address this?\n\nKind regards,\nOskar\n")
    pasted = [s for s in zone_body(body) if s.depth == 1]
    assert [(s.kind, s.author, s.header_style) for s in pasted] == [("quoted", "", "pasted")]
    assert "two-day data encryption" in pasted[0].text
    own = new_text(body)
    assert "sandbox" in own and own.endswith("How would you address this?")
    assert "encryption" not in own


@pytest.mark.parametrize("lead_in, after", [
    ("Copying Dana on this one:", "\n\nThanks!"),  # copies a person in, pastes nothing
    ("Copying a paragraph from a note I received:", ""),  # nothing of the note after it
    ("Here is where we stand:", "\n\nThanks!"),  # says nothing of pasting
    # pasting as an instruction, not someone's words
    ("If the link fails, copy the address and paste it into your browser:", "\n\nThanks!"),
])
def test_a_plain_paragraph_stays_the_authors_unless_set_off_as_a_paste(lead_in, after):
    body = f"Hi Jonas,\n\n{lead_in}\n\n{_PLAIN_PASSAGE}{after}\n"
    assert all(depth == 0 for _, depth, _, _ in _kinds(body))


def test_a_pasted_shell_output_is_ones_own_material():
    body = ("Hi,\n\nI paste this straight from the shell I ran it in:\n\n"
            "scala> spark.sql(\"SELECT count(distinct id) FROM t\").show()\n"
            "| count(DISTINCT id) | 4697 | res8: Long = 4698 | took 2.1 s on 3 nodes\n\n"
            "Why do the two counts differ?\n")
    assert all(depth == 0 for _, depth, _, _ in _kinds(body))


def test_a_short_indented_line_is_not_a_paste():
    body = "Hi,\n\nDana wrote this in her note:\n\n  see you Friday\n\nOK?\n"
    assert all(depth == 0 for _, depth, _, _ in _kinds(body))


# --------------------------------------------------------------------------
# Real data: the Repke & Krestel Enron test split must not regress.
def _load_eval():
    path = Path(__file__).resolve().parents[1] / "benchmarks" / "zoning_eval.py"
    spec = importlib.util.spec_from_file_location("zoning_eval", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("zoning_eval", module)
    spec.loader.exec_module(module)
    return module


@pytest.mark.real_data
def test_enron_test_split_quality(real_data):
    zoning_eval = _load_eval()
    items = zoning_eval.load_split(real_data, "enron", "test")
    assert len(items) == 200
    result = zoning_eval.evaluate(items)
    # measured: 2-zone 0.990 (crude baseline 0.870), author F1 0.962, signature recall 0.72;
    # the margins absorb nothing but deliberate trade-offs, so a regression fails here
    assert result["two_zone_exact"] >= 0.975
    assert result["author_f1"] >= 0.945
    assert result["two_zone_exact"] > result["baseline_two_zone_exact"] + 0.08
    assert result["signature_recall"] >= 0.65


@pytest.mark.real_data
def test_asf_test_split_two_zone(real_data):
    zoning_eval = _load_eval()
    result = zoning_eval.evaluate(zoning_eval.load_split(real_data, "asf", "test"))
    # measured 0.967 (crude baseline 0.659; 0.978 before pasted passages were split out:
    # one message quotes a ticket comment, indented, which the annotators left as the
    # author's); ASF marks no header persons: author F1 is n/a
    assert result["two_zone_exact"] >= 0.95
    assert result["author_f1"] is None
