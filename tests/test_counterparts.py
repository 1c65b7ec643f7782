"""Role nouns on the other side of whose they are ("Griechenland verhandelt mit seinen Geldgebern";
relational_roles.tsv, why "counterpart"): a possessive gives them no country, so no self-dyad
GRC -> GRC is told."""
from lagebild.pipeline import Analyzer
from lagebild.records import Article

_AN: dict = {}


def _run(text, coder):
    if coder not in _AN:
        _AN[coder] = Analyzer(coder=coder)
    return _AN[coder](Article(doc_id="t", text=text, dct="2015-07-01"))


def test_creditors_of_a_state_are_not_that_state():
    for coder in ("rules", "auto"):
        for text in ("Griechenland verhandelt mit seinen Geldgebern über neue Kredite.",
                     "Die Regierung in Athen verhandelt mit ihren Gläubigern."):
            doc = _run(text, coder)
            self_dyads = [e for e in doc.events if {p.code for p in e.source} & {p.code for p in e.target}]
            assert not self_dyads, (coder, text, [(e.type, e.source, e.target) for e in self_dyads])


def test_a_possessive_still_gives_an_own_role_its_owner_s_country():
    # troops and ambassadors are the owner's own (actors._code_of_owner)
    doc = _run("Russland hat seine Truppen aus Syrien abgezogen.", "rules")
    assert any(e.type == "RETREAT" and [p.code for p in e.source] == ["RUS"] for e in doc.events), doc.events


def test_a_counterpart_named_with_its_country_keeps_it():
    _run("Griechenland verhandelt mit den Geldgebern.", "rules")
    st = _AN["rules"].stages(Article(doc_id="t", text="Athen verhandelt mit seinen Geldgebern aus der EU.",
                                     dct="2015-07-01"))
    lenders = [m for m in st.actors.mentions if m.text.endswith("Geldgebern")]
    assert lenders and all(m.code != "GRC" for m in lenders), [(m.text, m.code) for m in lenders]
