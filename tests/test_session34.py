"""Session 34: "weder ... noch" subjects."""
import pytest

from eventcheck import doc, dyads


@pytest.mark.parametrize("text,typ,sources,target", [
    ("Moskau – Weder die EU noch die USA haben Sanktionen gegen Russland verhängt.", "SANCTION", {"EU", "USA"}, "RUS"),
    ("Kiew – Weder Russland noch Belarus haben die Ukraine am Montag angegriffen.", "ASSAULT", {"RUS", "BLR"}, "UKR"),
])
def test_neither_nor_subjects_negate_what_the_clause_tells(text, typ, sources, target):
    # "Weder die EU noch die USA haben Sanktionen verhängt" told asserted sanctions of the EU against the USA
    # and Russia (the noun's event), a false fact
    got = dyads(text, typ)
    assert got, doc(text).events
    assert all(f == "negated" for (_, _, _, f) in got), got
    assert all(t == target for (_, _, t, _) in got), got
    assert {s for (_, s, _, _) in got} <= sources, got


def test_a_list_with_neither_nor_is_one_side():
    from lagebild.events.clauses import split_clauses
    from lagebild.events.coder import EventCoder
    from lagebild.events.roles import coordinated_group
    from lagebild.pipeline import Analyzer
    from lagebild.records import Article
    text = "Weder die EU noch die USA haben Sanktionen gegen Russland verhängt."
    st = Analyzer(coder="rules").stages(Article(doc_id="t", text=text, dct="2016-03-02"))
    c = split_clauses(st.sent_tokens[0], EventCoder().lex)[0]
    ms = st.actors.mentions
    eu = next(m for m in ms if m.code == "EU")
    assert {m.code for m in coordinated_group(eu, ms, c)} == {"EU", "USA"}
    # without "weder", "noch" joins nothing ("Die EU hat noch die USA ...": no list)
    text2 = "Die EU hat noch die USA um Hilfe gebeten."
    st2 = Analyzer(coder="rules").stages(Article(doc_id="t", text=text2, dct="2016-03-02"))
    c2 = split_clauses(st2.sent_tokens[0], EventCoder().lex)[0]
    eu2 = next(m for m in st2.actors.mentions if m.code == "EU")
    assert {m.code for m in coordinated_group(eu2, st2.actors.mentions, c2)} == {"EU"}
