"""Identity resolution: each merge rule, generic names, overrides, the people contract."""

from __future__ import annotations

import warnings

import pandas as pd
import pytest

from vision_analytics._schema import validate_frame
from vision_analytics.normalize import organization_from_domain, parse_name, resolve_identities


def mail(rows):
    defaults = {"sender": "", "sender_name": "", "to": [], "cc": [], "sent_at": "2021-03-01"}
    data = [{**defaults, **r} for r in rows]
    out = pd.DataFrame(data)
    out["sent_at"] = pd.to_datetime(out["sent_at"], utc=True)
    for col in ("to", "cc"):
        out[col] = out[col].astype(object)
    return out


def same(result, a, b) -> bool:
    pa, pb = result.lookup(a), result.lookup(b)
    return pa is not None and pa == pb


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kevin M Presto", ("kevin", ("m",), "presto")),
        ("Presto, Kevin M.", ("kevin", ("m",), "presto")),
        ("Presto, Kevin M. </O=ENRON/OU=NA/CN=RECIPIENTS/CN=KPRESTO>", ("kevin", ("m",), "presto")),
        ("Kevin M Presto/HOU/ECT@ECT", ("kevin", ("m",), "presto")),
        ('"Dr. Dana Smith"', ("dana", (), "smith")),
        ("José Álvarez", ("jose", (), "alvarez")),
        ("John", None),
        ("Support Team", None),
        ("noreply", None),
        ("dana@acme.com", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_name(text, expected):
    assert parse_name(text) == expected


def test_display_name_variants_merge_and_every_form_looks_up():
    msgs = mail([
        {"sender": "m..presto@enron.com", "sender_name": "Presto, Kevin M.",
         "x_from": "Presto, Kevin M. </O=ENRON/OU=NA/CN=RECIPIENTS/CN=KPRESTO>",
         "to": ["dana@acme.com"]},
        {"sender": "kevin.presto@enron.com", "sender_name": "Kevin M Presto",
         "x_from": "Kevin M Presto/HOU/ECT@ECT", "to": ["dana@acme.com"]},
    ])
    result = resolve_identities(msgs, seller_domains="enron.com")
    pid = result.lookup("kevin.presto@enron.com")
    assert pid == "p_kevin_presto_enron_com"
    for alias in ("m..presto@enron.com", "Kevin M Presto", "Presto, Kevin M.",
                  "/O=ENRON/OU=NA/CN=RECIPIENTS/CN=KPRESTO", "Kevin M Presto/HOU/ECT@ECT",
                  "KEVIN.PRESTO@ENRON.COM"):
        assert result.lookup(alias) == pid, alias
    person = result.people.set_index("person_id").loc[pid]
    assert person["emails"][0] == "kevin.presto@enron.com"
    assert person["n_sent"] == 2
    assert person["side"] == "seller"
    assert set(result.merges["rule"]) == {"display_name"}
    assert result.merges["evidence"].str.contains("Presto").all()


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("Iris de Boer", "Iris de Boer"),
        ("de Boer, Iris", "Iris de Boer"),
        ("Anouk van der Heijden", "Anouk van der Heijden"),
        ("Noëlle Postma", "Noëlle Postma"),
        ("IRIS DE BOER", "Iris de Boer"),
        ("o'brien, sean", "Sean O'Brien"),
        ("Presto, Kevin M.", "Kevin M Presto"),
        ("Dana McKay", "Dana McKay"),
    ],
)
def test_a_name_is_shown_as_written_with_its_particles_and_accents(written, shown):
    """A brief that says "Iris D Boer" or "Noelle Postma" misnames the people it is
    about; the name's key stays folded, so every form still finds the one person."""
    msgs = mail([{"sender": "someone@vanoordt.nl", "sender_name": written,
                  "to": ["ae@seller.com"]}])
    result = resolve_identities(msgs, seller_domains="seller.com")
    pid = result.lookup("someone@vanoordt.nl")
    assert result.people.set_index("person_id").loc[pid, "name"] == shown
    assert result.lookup(shown) == pid


def test_same_x500_mailbox_merges_addresses():
    x500 = "Doe, Jan </O=ACME/OU=NA/CN=RECIPIENTS/CN=JDOE>"
    msgs = mail([
        {"sender": "jdoe@acme.com", "x_from": x500},
        {"sender": "jan.doe@mail.acme.com", "x_from": x500},
    ])
    result = resolve_identities(msgs)
    assert same(result, "jdoe@acme.com", "jan.doe@mail.acme.com")
    assert "same_x500" in set(result.merges["rule"])


def test_exchange_initials_address_joins_the_only_matching_person():
    msgs = mail([
        {"sender": "peter.f.keavey@enron.com"},
        {"sender": "f..keavey@enron.com"},
        {"sender": "h..unknown@enron.com"},
    ])
    result = resolve_identities(msgs)
    assert same(result, "f..keavey@enron.com", "peter.f.keavey@enron.com")
    assert "exchange_initials" in set(result.merges["rule"])
    assert result.lookup("h..unknown@enron.com") != result.lookup("f..keavey@enron.com")


def test_exchange_initials_stays_apart_when_ambiguous():
    msgs = mail([
        {"sender": "peter.f.smith@acme.com"},
        {"sender": "frank.f.smith@acme.com"},
        {"sender": "f..smith@acme.com"},
    ])
    result = resolve_identities(msgs)
    ids = {result.lookup(a) for a in ("peter.f.smith@acme.com", "frank.f.smith@acme.com",
                                      "f..smith@acme.com")}
    assert len(ids) == 3


def test_a_ticket_systems_user_name_finds_the_one_person_it_can_be():
    # a Jira export names its reporters by user name: "ismit", "avanderheijden"
    msgs = mail([
        {"sender": "ilse.smit@acme.nl", "sender_name": "Ilse Smit"},
        {"sender": "anouk.vanderheijden@acme.nl", "sender_name": "Anouk van der Heijden"},
        {"sender": "joris.jansen@acme.nl", "sender_name": "Joris Jansen"},
        {"sender": "jan.jansen@acme.nl", "sender_name": "Jan Jansen"},
    ])
    result = resolve_identities(msgs)
    assert result.lookup("ismit") == result.lookup("ilse.smit@acme.nl") is not None
    assert result.lookup("avanderheijden") == result.lookup("anouk.vanderheijden@acme.nl")
    assert result.lookup("jan.jansen") == result.lookup("jan.jansen@acme.nl")
    assert result.lookup("jjansen") is None  # Joris or Jan: no guess
    assert result.lookup("nobody") is None


def test_nickname_merge_within_one_domain():
    msgs = mail([
        {"sender": "mike.grigsby@enron.com", "sender_name": "Mike Grigsby"},
        {"sender": "michael.grigsby@enron.com"},
    ])
    result = resolve_identities(msgs)
    assert same(result, "mike.grigsby@enron.com", "michael.grigsby@enron.com")
    assert "nickname" in set(result.merges["rule"])


def test_conflicting_middle_initials_or_mailboxes_stay_apart():
    msgs = mail([
        {"sender": "a@acme.com", "sender_name": "John A Wilson",
         "x_from": "Wilson, John A. </O=ACME/OU=NA/CN=RECIPIENTS/CN=JWILSON5>"},
        {"sender": "b@acme.com", "sender_name": "John B Wilson",
         "x_from": "Wilson, John B. </O=ACME/OU=NA/CN=RECIPIENTS/CN=JWILSON7>"},
        {"sender": "c@acme.com", "sender_name": "Michael G Kelly"},
        {"sender": "d@acme.com", "sender_name": "Mike E Kelly"},
    ])
    result = resolve_identities(msgs)
    assert not same(result, "a@acme.com", "b@acme.com")
    assert not same(result, "c@acme.com", "d@acme.com")


def test_same_name_in_different_organisations_or_webmail_is_not_merged():
    msgs = mail([
        {"sender": "dana.smith@acme.com", "sender_name": "Dana Smith"},
        {"sender": "dana.smith@globex.com", "sender_name": "Dana Smith"},
        {"sender": "dsmith77@gmail.com", "sender_name": "Dana Smith"},
        {"sender": "dana.s@hotmail.com", "sender_name": "Dana Smith"},
    ])
    result = resolve_identities(msgs)
    assert len({result.lookup(a) for a in msgs["sender"]}) == 4
    # a name shared by several people resolves to nobody
    assert result.lookup("Dana Smith") is None


def test_a_customer_that_moved_its_mail_keeps_each_person_once():
    """A company that moves its mail to a new domain ("mistassini.com" →
    "mistassinigroup.eu") has each person under two addresses with one name; they are
    one person. A rival whose name begins the same way ("mistral.io") is not the
    customer, and the same name there stays apart."""
    msgs = mail([
        {"sender": "mathieuc@mistassini.com", "sender_name": "Mathieu Côté",
         "to": ["ann@seller.com"], "sent_at": "2023-05-01"},
        {"sender": "karinem@mistassini.com", "sender_name": "Karine MacDonald",
         "to": ["ann@seller.com"], "sent_at": "2023-05-02"},
        {"sender": "mathieuc@mistassinigroup.eu", "sender_name": "Mathieu Côté",
         "to": ["ann@seller.com"], "sent_at": "2023-10-01"},
        {"sender": "karinem@mistassinigroup.eu", "sender_name": "Karine MacDonald",
         "to": ["ann@seller.com"], "sent_at": "2023-10-02"},
        {"sender": "ann@seller.com", "sender_name": "Ann Baxter",
         "to": ["mathieuc@mistassinigroup.eu"], "sent_at": "2023-10-03"},
        {"sender": "mathieu.cote@mistral.io", "sender_name": "Mathieu Côté",
         "cc": ["karinem@mistassinigroup.eu"], "sent_at": "2023-10-04"},
    ])
    result = resolve_identities(msgs, seller_domains="seller.com")
    assert same(result, "mathieuc@mistassini.com", "mathieuc@mistassinigroup.eu")
    assert same(result, "karinem@mistassini.com", "karinem@mistassinigroup.eu")
    assert not same(result, "mathieuc@mistassini.com", "mathieu.cote@mistral.io")
    assert not same(result, "mathieuc@mistassini.com", "karinem@mistassini.com")
    given = resolve_identities(msgs, seller_domains="seller.com",
                               customer_domains=["mistassini.com", "mistassinigroup.eu"])
    assert same(given, "mathieuc@mistassini.com", "mathieuc@mistassinigroup.eu")


@pytest.mark.parametrize(
    ("name", "addresses"),
    [
        ("John", ["john@acme.com", "jj@acme.com"]),
        ("Support Team", ["support@acme.com", "help@acme.com"]),
        ("Info", ["info@acme.com", "contact@acme.com"]),
        ("Admin", ["admin@acme.com", "root@acme.com"]),
        ("noreply", ["noreply@acme.com", "no-reply@acme.com"]),
        ("Team", ["team@acme.com", "crew@acme.com"]),
    ],
)
def test_generic_names_are_never_merged(name, addresses):
    msgs = mail([{"sender": a, "sender_name": name} for a in addresses])
    result = resolve_identities(msgs)
    assert len(result.people) == 2
    assert len(result.merges) == 0


def test_role_addresses_do_not_merge_even_with_a_person_name():
    msgs = mail([
        {"sender": "support@acme.com", "sender_name": "Dana Smith"},
        {"sender": "dana.smith@acme.com", "sender_name": "Dana Smith"},
    ])
    result = resolve_identities(msgs)
    assert not same(result, "support@acme.com", "dana.smith@acme.com")


def test_alias_table_forces_merges_and_splits(tmp_path):
    msgs = mail([
        {"sender": "kevin.presto@enron.com", "sender_name": "Kevin M Presto"},
        {"sender": "m..presto@enron.com", "sender_name": "Presto, Kevin M."},
        {"sender": "kp1969@hotmail.com", "sender_name": "KP"},
    ])
    auto = resolve_identities(msgs)
    assert same(auto, "kevin.presto@enron.com", "m..presto@enron.com")
    assert not same(auto, "kp1969@hotmail.com", "kevin.presto@enron.com")

    table = pd.DataFrame({"alias": ["kp1969@hotmail.com", "m..presto@enron.com"],
                          "person": ["kevin.presto@enron.com", ""]})
    forced = resolve_identities(msgs, alias_table=table)
    assert same(forced, "kp1969@hotmail.com", "kevin.presto@enron.com")
    assert not same(forced, "m..presto@enron.com", "kevin.presto@enron.com")
    assert "alias_table" in set(forced.merges["rule"])

    path = tmp_path / "aliases.csv"
    path.write_text("alias,person\nkp1969@hotmail.com,p_kevin_presto_enron_com\n")
    from_csv = resolve_identities(msgs, alias_table=path)
    assert same(from_csv, "kp1969@hotmail.com", "kevin.presto@enron.com")


def test_alias_table_errors_name_the_problem(tmp_path):
    msgs = mail([{"sender": "a@acme.com"}])
    with pytest.raises(ValueError, match=r"alias_table: missing column\(s\) \['person'\]"):
        resolve_identities(msgs, alias_table=pd.DataFrame({"alias": ["x"]}))
    with pytest.raises(FileNotFoundError, match="alias_table"):
        resolve_identities(msgs, alias_table=tmp_path / "missing.csv")


def test_people_frame_follows_the_contract_with_sides_and_organisations():
    msgs = mail([
        {"sender": "dana.lee@acme-corp.com", "sender_name": "Dana Lee",
         "to": ["sam.ortiz@seller.com"], "cc": ["cio@acme-corp.com"], "sent_at": "2021-01-05"},
        {"sender": "sam.ortiz@seller.com", "sender_name": "Sam Ortiz",
         "to": ["dana.lee@acme-corp.com"], "sent_at": "2021-02-05"},
        {"sender": "news@vendor.example", "to": ["someone@elsewhere.org"], "sent_at": None},
        {"sender": "pat.k@gmail.com", "sender_name": "Pat Kim", "to": ["sam.ortiz@seller.com"]},
    ])
    result = resolve_identities(msgs, seller_domains=["seller.com"])
    people = validate_frame(result.people, "people")
    assert people["person_id"].is_unique
    row = people.set_index("person_id")
    dana = row.loc["p_dana_lee_acme_corp_com"]
    assert dana["organization"] == "Acme Corp"
    assert dana["side"] == "customer"
    assert dana["first_seen"] == pd.Timestamp("2021-01-05", tz="UTC")
    assert dana["last_seen"] == pd.Timestamp("2021-02-05", tz="UTC")
    assert row.loc["p_sam_ortiz_seller_com", "side"] == "seller"
    assert row.loc["p_news_vendor_example", "side"] == "external"
    assert row.loc["p_pat_k_gmail_com", "organization"] == "individual"
    explicit = resolve_identities(msgs, seller_domains="seller.com",
                                  customer_domains=["gmail.com"])
    sides = explicit.people.set_index("person_id")["side"]
    assert sides["p_pat_k_gmail_com"] == "customer"
    assert sides["p_dana_lee_acme_corp_com"] == "external"


def test_colleagues_at_a_corresponding_domain_are_the_customers_not_outsiders():
    # Lee writes to the seller; Kim (same domain) is seen only in a quoted header,
    # Ray only in a cc of an internal note. Both are the customer's people. Webmail
    # users are not one organisation: Pat's friend at gmail stays an outsider.
    msgs = mail([
        {"sender": "dana.lee@acme-corp.com", "to": ["sam.ortiz@seller.com"]},
        {"sender": "dana.lee@acme-corp.com", "to": ["ops@acme-corp.com"],
         "cc": ["ray.diaz@acme-corp.com"]},
        {"sender": "pat.k@gmail.com", "to": ["sam.ortiz@seller.com"]},
        {"sender": "pat.k@gmail.com", "to": ["jo.friend@gmail.com"]},
        {"sender": "rep@rival.example", "to": ["dana.lee@acme-corp.com"]},
    ])
    segments = pd.DataFrame({
        "message_key": ["m1"], "kind": ["quoted"], "author": ["Morgan Kim"],
        "author_email": ["morgan.kim@acme-corp.com"], "text": [""],
    })
    sides = resolve_identities(msgs, seller_domains="seller.com", segments=segments) \
        .people.set_index("person_id")["side"]
    assert sides["p_morgan_kim_acme_corp_com"] == "customer"
    assert sides["p_ray_diaz_acme_corp_com"] == "customer"
    assert sides["p_pat_k_gmail_com"] == "customer"
    assert sides["p_jo_friend_gmail_com"] == "external"
    assert sides["p_rep_rival_example"] == "external"
    # given the customer's domains, they alone decide
    given = resolve_identities(msgs, seller_domains="seller.com", segments=segments,
                               customer_domains="acme-corp.com").people.set_index("person_id")
    assert given.loc["p_pat_k_gmail_com", "side"] == "external"


def test_a_vendor_in_the_customers_threads_with_the_seller_is_an_outsider():
    # six of the customer's people write with the seller; a rival's rep replies to all
    # in a workshop thread the seller is copied on, and a newsletter reaches the
    # seller's inbox: neither is the customer, though both wrote with the seller
    customer = [f"{n}@acme.de" for n in ("ann", "bo", "cy", "dee", "eve", "fay")]
    msgs = mail([{"sender": a, "to": ["sam@seller.com"]} for a in customer] + [
        {"sender": "jo.ceo@acme-ag.de", "to": ["sam@seller.com"], "cc": ["ann@acme.de"]},
        {"sender": "rep@rival.io", "to": ["ann@acme.de"], "cc": ["sam@seller.com"]},
        {"sender": "news@digest-mailer.net", "to": ["sam@seller.com"]},
        {"sender": "pat@gmail.com", "to": ["sam@seller.com"]},
    ])
    sides = resolve_identities(msgs, seller_domains="seller.com").people.set_index(
        "person_id")["side"]
    assert sides["p_ann_acme_de"] == "customer"
    # the customer's other domain (the same organisation's name) is the customer's
    assert sides["p_jo_ceo_acme_ag_de"] == "customer"
    assert sides["p_rep_rival_io"] == "external"
    assert sides["p_news_digest_mailer_net"] == "external"
    assert sides["p_pat_gmail_com"] == "customer"


def test_a_rival_with_several_reps_but_a_handful_of_messages_is_an_outsider():
    # ten of the customer's people write 120 messages with the seller; three of a
    # rival's reps reply in one joint-workshop thread (four messages). By headcount
    # alone the rival would pass for a second customer domain; by what it wrote, not
    customer = [f"{n}@acme.de" for n in ("ann", "bo", "cy", "dee", "eve", "fay", "gus",
                                         "hal", "ivy", "jon")]
    rival = ["sam.rep@rival.io", "kim.se@rival.io", "lou.am@rival.io", "sam.rep@rival.io"]
    msgs = mail([{"sender": a, "to": ["sam@seller.com"]} for a in customer * 12] + [
        {"sender": a, "to": ["sam@seller.com"], "cc": ["ann@acme.de"]} for a in rival])
    sides = resolve_identities(msgs, seller_domains="seller.com").people.set_index(
        "person_id")["side"]
    assert sides["p_ann_acme_de"] == "customer"
    assert sides["p_kim_se_rival_io"] == "external"
    assert sides["p_sam_rep_rival_io"] == "external"
    # the same three writing as much as the customer's people are a customer domain
    busy = mail([{"sender": a, "to": ["sam@seller.com"]} for a in customer * 12] + [
        {"sender": a, "to": ["sam@seller.com"]} for a in rival * 4])
    sides = resolve_identities(busy, seller_domains="seller.com").people.set_index(
        "person_id")["side"]
    assert sides["p_kim_se_rival_io"] == "customer"


def test_titles_from_org_chart_then_signatures_and_inner_header_names():
    msgs = mail([
        {"sender": "dana.lee@acme.com", "sender_name": "Dana Lee"},
        {"sender": "raj.patel@acme.com", "sender_name": "Raj Patel"},
    ])
    chart = pd.DataFrame({"name": ["Dana Lee"], "email": ["dana.lee@acme.com"],
                          "title": ["CIO"], "department": ["IT"]})
    segments = pd.DataFrame({
        "message_key": ["m1", "m2", "m3"],
        "kind": ["signature", "forwarded", "quoted"],
        "author": ["", "Raj Patel", "Morgan Chen"],
        "author_email": ["", "", ""],
        "text": ["Best,\nRaj Patel\nDirector, IT Strategy\nAcme", "", ""],
    })
    result = resolve_identities(msgs, org_chart=chart, segments=segments)
    people = validate_frame(result.people, "people").set_index("person_id")
    assert people.loc["p_dana_lee_acme_com", ["title", "department"]].tolist() == ["CIO", "IT"]
    assert people.loc["p_raj_patel_acme_com", ["title", "department"]].tolist() == [
        "Director", "IT Strategy"]
    assert "inner_header_name" in set(result.merges["rule"])
    # a name seen only in a quoted header is a person of its own, without addresses
    morgan = result.lookup("Morgan Chen")
    assert morgan == "p_morgan_chen"
    assert people.loc[morgan, "emails"] == []


def test_a_blank_org_chart_cell_is_filled_from_the_signature():
    msgs = mail([
        {"sender": "james.okafor@acme.com", "sender_name": "James Okafor"},
        {"sender": "ana.ruiz@acme.com", "sender_name": "Ana Ruiz"},
    ])
    chart = pd.DataFrame({"name": ["James Okafor", "Ana Ruiz"],
                          "email": ["james.okafor@acme.com", "ana.ruiz@acme.com"],
                          "title": ["Lead Solution Architect", "Controller"],
                          "department": ["", "Finance"]})
    segments = pd.DataFrame({
        "message_key": ["m1", "m2"], "kind": ["signature", "signature"],
        "author": ["", ""], "author_email": ["", ""],
        "text": ["James Okafor | Solution Architect | Digital & IT",
                 "Ana Ruiz | Head of Controlling | Group Finance"]})
    people = resolve_identities(msgs, org_chart=chart, segments=segments).people.set_index(
        "person_id")
    # the chart's title stands; its blank department comes from the signature
    assert people.loc["p_james_okafor_acme_com", ["title", "department"]].tolist() == [
        "Lead Solution Architect", "Digital & IT"]
    # a filled chart row is not overridden by a signature
    assert people.loc["p_ana_ruiz_acme_com", ["title", "department"]].tolist() == [
        "Controller", "Finance"]


def test_titles_from_signatures_in_sent_mail_without_segments():
    msgs = mail([
        {"sender": "raj.patel@acme.com", "sender_name": "Raj Patel",
         "body_text": "Could you send the plan?\n\nBest,\nRaj Patel\nVP, Enterprise Architecture"
                      "\n\n-----Original Message-----\nFrom: x\nMorgan Chen\nCIO, Acme"},
        {"sender": "lee.wong@acme.com", "sender_name": "Lee Wong",
         "body_text": "Thanks!\n\nMorgan Chen\nChief Information Officer"},
    ])
    people = resolve_identities(msgs).people.set_index("person_id")
    assert people.loc["p_raj_patel_acme_com", ["title", "department"]].tolist() == [
        "VP", "Enterprise Architecture"]
    # someone else's name above a title line is not the sender's title
    assert people.loc["p_lee_wong_acme_com", "title"] == ""


def test_a_newcomer_introducing_themselves_gives_their_title():
    msgs = mail([
        {"sender": "arjun.walker@acme.com", "sender_name": "Walker, Arjun",
         "body_text": "Dear Gaelle,\n\nLet me introduce myself: I joined Acme Rhone as Chief "
                      "Operating Officer this month. I look forward to working with you.\n\n"
                      "Thanks,\n\nSent from my iPhone"},
        {"sender": "lee.wong@acme.com", "sender_name": "Lee Wong",
         "body_text": "Welcome!\n\n> I joined Acme as Head of Sales last week."},
        {"sender": "kim.park@acme.com", "sender_name": "Kim Park",
         "body_text": "I joined the call as a listener only."},
    ])
    people = resolve_identities(msgs).people.set_index("person_id")
    assert people.loc["p_arjun_walker_acme_com", "title"] == "Chief Operating Officer"
    # a quoted introduction is someone else's; "a listener" is no title
    assert people.loc["p_lee_wong_acme_com", "title"] == ""
    assert people.loc["p_kim_park_acme_com", "title"] == ""


@pytest.mark.parametrize(
    ("domain", "expected"),
    [("acme.com", "Acme"), ("mail.acme-corp.co.uk", "Acme Corp"), ("hotmail.com", "individual"),
     ("", ""), ("localhost", "Localhost")],
)
def test_organization_from_domain(domain, expected):
    assert organization_from_domain(domain) == expected


def test_empty_and_header_poor_input():
    empty = resolve_identities(pd.DataFrame())
    validate_frame(empty.people, "people")
    assert len(empty.people) == 0 and len(empty.merges) == 0
    assert empty.lookup("anyone@x.com") is None
    junk = resolve_identities(pd.DataFrame({"sender": [None, "", "not an address"],
                                            "to": [None, "x", []]}))
    validate_frame(junk.people, "people")


def test_result_is_deterministic_under_row_order():
    msgs = mail([
        {"sender": "kevin.presto@enron.com", "sender_name": "Kevin M Presto"},
        {"sender": "m..presto@enron.com", "sender_name": "Presto, Kevin M."},
        {"sender": "mike.grigsby@enron.com", "sender_name": "Mike Grigsby"},
        {"sender": "michael.grigsby@enron.com"},
    ])
    a = resolve_identities(msgs)
    b = resolve_identities(msgs.iloc[::-1].reset_index(drop=True))
    pd.testing.assert_frame_equal(a.people, b.people)
    assert a.alias_map == b.alias_map


@pytest.mark.real_data
def test_enron_owners_merged_and_no_custodians_merged_together(real_data):
    import vision_analytics as va

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        corpus = va.load(real_data / "enron-5users" / "maildir", seller_domains="enron.com")
    custodians = pd.read_csv(real_data / "enron-5users" / "custodians.tsv", sep="\t",
                             header=None, names=["maildir", "email", "name", "title"],
                             dtype=str, keep_default_na=False)
    chart = custodians[["name", "email", "title"]].assign(department="")
    result = resolve_identities(corpus.messages, seller_domains="enron.com", org_chart=chart)
    validate_frame(result.people, "people")

    for owner, other in [("kevin.presto@enron.com", "m..presto@enron.com"),
                         ("peter.keavey@enron.com", "f..keavey@enron.com"),
                         ("andrew.lewis@enron.com", "h..lewis@enron.com"),
                         ("mike.grigsby@enron.com", "michael.grigsby@enron.com")]:
        assert same(result, owner, other), (owner, other)
    presto = result.people.set_index("person_id").loc[result.lookup("m..presto@enron.com")]
    assert presto["title"] == "Vice President"
    assert presto["n_sent"] > 900

    messages = corpus.messages
    seen = set(messages["sender"]) | {a for col in ("to", "cc") for v in messages[col] for a in v}
    ids = [result.lookup(e) for e in custodians["email"] if e in seen]
    assert len(ids) > 100
    assert len(set(ids)) == len(ids), "two custodians were merged into one person"


@pytest.mark.parametrize("signature, title, department", [
    ("Dana Whitfield\nDirector, IT Infrastructure", "Director", "IT Infrastructure"),
    ("Dana Whitfield\nChief Transformation Officer | Strategy", "Chief Transformation Officer",
     "Strategy"),
    ("Dana Whitfield\nHead of Architecture – Group IT", "Head of Architecture", "Group IT"),
    ("Dana Whitfield\nCTO · Platform", "CTO", "Platform"),
    ("Dana Whitfield\nSVP Operations", "SVP Operations", ""),
    ("Dana Whitfield\nCISO, Group Security", "CISO", "Group Security"),
    ("Dana Whitfield\nVice-President Sales/Marketing", "Vice-President Sales/Marketing", ""),
    # name and title on one line
    ("Dana Whitfield | Lead Enterprise Architect | IT", "Lead Enterprise Architect", "IT"),
    ("Dana Whitfield · CTO · Platform", "CTO", "Platform"),
    ("Dana Whitfield – Head of Architecture", "Head of Architecture", ""),
    # a signature in a quoted reply keeps no quote marks
    ("> Dana Whitfield\n> Legal Counsel | Legal", "Legal Counsel", "Legal"),
    (">> Dana Whitfield\n>>Vendor Manager", "Vendor Manager", ""),
])
def test_signature_titles_split_on_the_separators_people_use(signature, title, department):
    from vision_analytics.normalize._identity import title_from_signature

    found = title_from_signature(f"{signature}\nAcme Corp | dana@acme.example | +1 555 0100\n")
    assert found == ("dana whitfield", title, department)


@pytest.mark.parametrize("text, title", [
    ("Let me introduce myself: I joined Stadtwerke Elbtal as SVP Operations this month.",
     "SVP Operations"),
    ("I have just joined Acme as our new CISO.", "CISO"),
    ("I joined the call as Guest.", ""),
])
def test_an_introduction_gives_a_senior_acronym_title_without_the_full_stop(text, title):
    from vision_analytics.normalize._identity import title_introduced

    assert title_introduced(text) == title


def test_a_one_line_signature_needs_a_title_after_the_name():
    from vision_analytics.normalize._identity import title_from_signature

    assert title_from_signature("Acme Corp | dana@acme.example | +1 555 0100\n") is None
    assert title_from_signature("Dana Whitfield | Acme Corp | Lisbon\n") is None
