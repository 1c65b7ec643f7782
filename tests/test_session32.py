"""Session 32: what a threat threatens with, an office and its seat, denied content, "beide Seiten" after an act
between two states, appositions, armed groups attacked by a state, import bans, the occasion of a saying,
pronouns after reported speech and opening a sentence."""
import pytest

from eventcheck import doc, dyads


@pytest.mark.parametrize("text", [
    "Brüssel – Die EU hat mit Sanktionen gegen Russland gedroht.",
    "New York – Der UN-Sicherheitsrat hatte mit Sanktionen gegen libysche Politiker gedroht, die den Prozess behindern.",
    # a nominalisation of the threatened act (a review)
    "Brüssel – Die EU drohte Russland mit der Verhängung von Sanktionen.",
    "Washington – Trump drohte mit der Einführung von Strafzöllen gegen China.",
])
def test_what_a_threat_threatens_with_is_no_event(text):
    d = doc(text)
    assert any(e.type == "THREATEN" for e in d.events), d.events
    assert not any(e.type == "SANCTION" for e in d.events), d.events


def test_sanctions_imposed_beside_a_threat_stay_an_event():
    text = "Brüssel – Die EU verhängte Sanktionen gegen Russland und drohte Moskau mit weiteren Sanktionen."
    got = dyads(text)
    assert ("SANCTION", "EU", "RUS", "asserted") in got, doc(text).events
    assert ("THREATEN", "EU", "RUS", "asserted") in got, doc(text).events


def test_an_office_and_its_seat_are_one_actor_not_two_sides(monkeypatch):
    # no candidate of the judge pairs them, so that another sentence's support cannot carry the dyad
    import lagebild.learned.coder as coder
    from lagebild.learned.judge import office_and_seat
    seen = []
    judge = coder.LearnedCoder.judge_dyads

    def spy(self, ctx, rule_events, cache):
        out = judge(self, ctx, rule_events, cache)
        seen.extend(out)
        return out
    monkeypatch.setattr(coder.LearnedCoder, "judge_dyads", spy)
    text = "Teheran – Das Außenministerium in Teheran verurteilte den Schritt der USA als illegal."
    d = doc(text)
    assert seen and any(e.type == "ACCUSE" for e in d.events), d.events
    assert not any(c.src_m is not None and c.tgt_m is not None and office_and_seat(c.src_m, c.tgt_m, c.st)
                   for dy, _ in seen for c in dy.support)


@pytest.mark.parametrize("text,accuser,denier", [
    ("Riad – Riad wirft dem Iran vor, die Rebellen zu bewaffnen. Teheran bestreitet, die Huthis mit Waffen zu "
     "beliefern.", "SAU", "IRN"),
    ("Kiew – Kiew wirft Moskau vor, Soldaten zu schicken. Moskau bestreitet weiterhin, die Separatisten mit Waffen "
     "und Soldaten zu unterstützen.", "UKR", "RUS"),
])
def test_what_a_denial_says_one_does_not_do_is_no_target_and_no_plan(text, accuser, denier):
    d = doc(text)
    rejects = [e for e in d.events if e.type == "REJECT"]
    assert rejects and all({p.code for p in e.target} <= {accuser} for e in rejects), d.events
    assert any(accuser in {p.code for p in e.target} for e in rejects), d.events
    # the denied act is not told as planned or done
    assert not any(e.type in ("AID", "MOBILIZE") and e.factuality in ("asserted", "planned") for e in d.events), d.events


@pytest.mark.parametrize("text,sides", [
    # the subject and whom it acts on in the sentence right before, where that one names two states only
    ("Ankara – Die Türkei hat ein russisches Kampfflugzeug abgeschossen. Nato-Generalsekretär Jens Stoltenberg "
     "rief beide Seiten zur Deeskalation auf.", {"TUR", "RUS"}),
    # a name with its verb right after it is the subject of a new clause, not in apposition to the noun before
    ("Ankara – Ankara bestellte am Mittwoch den russischen Botschafter ein. Die Nato stellte sich hinter ihren "
     "Bündnispartner, Generalsekretär Jens Stoltenberg rief aber beide Seiten zur Deeskalation auf.", {"TUR", "RUS"}),
])
def test_both_sides_are_the_two_states_of_the_sentence_before(text, sides):
    d = doc(text)
    req = [e for e in d.events if e.type == "REQUEST"]
    assert req and {p.code for e in req for p in e.source} == {"NATO"}, d.events
    assert {p.code for e in req for p in e.target} == sides, d.events


def test_both_sides_are_not_guessed_from_a_sentence_with_a_guessed_subject():
    # "Flüchtlinge" has no country of its own: no pair of sides
    text = ("Belgrad – In Serbien kamen am Mittwoch mehr als 5.000 Flüchtlinge an, berichtete der britische Sender BBC. "
            "Beide Seiten vereinbarten eine engere Zusammenarbeit.")
    assert not any(e.type == "AGREE" for e in doc(text).events), doc(text).events


def test_an_armed_group_is_not_of_the_state_that_attacks_it():
    text = ("Sanaa – Die USA wollen nach Angaben aus dem Pentagon ihre Drohnenangriffe auf Al-Kaida im Süden des "
            "Landes ausweiten.")
    got = dyads(text, "ASSAULT")
    assert got and all(t != "USA" for _, _, t, _ in got), doc(text).events
    assert ("ASSAULT", "USA", "YEM", "planned") in got, doc(text).events


@pytest.mark.parametrize("text", [
    # the attacks are told, not threatened: "für" governs them
    "Ankara – Die Türkei drohte mit Vergeltung für die Angriffe der PKK auf Soldaten im Südosten des Landes.",
    "Moskau – Russland drohte mit Konsequenzen für den Abschuss des Kampfjets durch die Türkei.",
])
def test_an_act_a_threat_answers_stays_an_event(text):
    d = doc(text)
    assert any(e.type == "ASSAULT" and e.factuality == "asserted" for e in d.events), d.events


def test_how_one_reacted_before_und_is_no_threat_content():
    text = ("Paris – Frankreich hat mit Luftangriffen auf Rakka auf die Anschläge von Paris reagiert und dem IS mit "
            "weiteren Schlägen gedroht.")
    d = doc(text)
    assert any(e.type == "ASSAULT" and "SYR" in {p.code for p in e.target} for e in d.events), d.events
    assert any(e.type == "THREATEN" for e in d.events), d.events


def test_both_sides_are_not_the_speakers_own_state():
    text = ("Berlin – Merkel traf Poroschenko in Berlin. Die Kanzlerin rief beide Seiten auf, die Waffenruhe in der "
            "Ostukraine einzuhalten.")
    got = dyads(text, "REQUEST")
    assert got and not any(s == t for _, s, t, _ in got), doc(text).events


def test_a_name_in_apposition_before_a_preposition_stays_one_person():
    d = doc("Wien – Kurz traf am Montag den russischen Außenminister, Sergej Lawrow am Rande des Treffens.")
    assert any("Außenminister" in " ".join(a.mentions) and "Lawrow" in " ".join(a.mentions) for a in d.actors), d.actors


def test_an_import_ban_is_a_sanction():
    assert ("SANCTION", "RUS", "TUR", "asserted") in dyads("Moskau – Russland verhängte ein Einfuhrverbot gegen türkisches Obst.")


@pytest.mark.parametrize("text,want", [
    ("Wien – Merkel sagte nach einem Treffen mit Hollande, man sei sich einig.", ("CONSULT", "DEU", "FRA")),
    ("Peking – Präsident Xi Jinping sagte bei einem Treffen mit EU-Ratspräsident Donald Tusk, China werde seine "
     "Rechte verteidigen.", ("CONSULT", "CHN", "EU")),
])
def test_the_speaker_meets_at_the_occasion_of_saying(text, want):
    assert want + ("asserted",) in dyads(text), doc(text).events


def test_who_a_report_cites_meets_no_one():
    # "laut", "nach Angaben": the cited source is no side of the meeting
    text = "Berlin – Laut dem US-Außenministerium sagte Lawrow bei einem Treffen mit Steinmeier, Russland werde einlenken."
    got = dyads(text, "CONSULT")
    assert ("CONSULT", "RUS", "DEU", "asserted") in got, doc(text).events
    assert not any(s == "USA" for _, s, _, _ in got), doc(text).events


def test_the_speaker_after_reported_speech_is_not_named_in_it():
    text = ("Kiew – Präsident Petro Poroschenko machte Moskau für die Eskalation verantwortlich. Russland schicke "
            "weiterhin Kämpfer und Militärtechnik über die Grenze, sagte er nach einem Treffen mit dem deutschen "
            "Außenminister Frank-Walter Steinmeier.")
    got = dyads(text, "CONSULT")
    assert ("CONSULT", "UKR", "DEU", "asserted") in got, doc(text).events
    assert not any(s == "RUS" for _, s, _, _ in got), doc(text).events


@pytest.mark.parametrize("text,src", [
    ("Jerusalem – Kerry hat Netanjahu in Jerusalem getroffen. Er rief beide Seiten zu direkten Friedensgesprächen auf.",
     "USA"),
    ("Moskau – Steinmeier traf Lawrow in Moskau. Er forderte beide Seiten auf, das Minsker Abkommen umzusetzen.", "DEU"),
])
def test_a_pronoun_opening_its_sentence_is_the_subject_before(text, src):
    got = dyads(text, "REQUEST")
    assert got and {s for _, s, _, _ in got} == {src}, doc(text).events


def test_a_speaker_named_in_an_opening_subordinate_clause_is_the_pronoun_after_the_verb():
    d = doc("Berlin – Als Obama in Berlin eintraf, sagte er, die USA stünden an der Seite Europas.")
    assert any("Obama" in a.mentions and "er" in a.mentions for a in d.actors), d.actors


def test_the_speaker_after_reported_speech_is_the_subject_before():
    d = doc("Berlin – Obama traf Merkel. Die Sanktionen blieben, sagte er.")
    assert any("Obama" in a.mentions and "er" in a.mentions for a in d.actors), d.actors
