"""The analyzer version stored with every article (``articles.analyzer_version``).

Bump ``ANALYZER_VERSION`` whenever the analysis of the same text can give different
events (rules, lexicon, models); ``lagebild reanalyze --db FILE`` then re-runs the
articles analyzed by an older version.
"""
ANALYZER_VERSION = "2026.12.12"   # .12 (session 12): content policies of the learned coder (what a demand, threat, criticism or rejection is about; rejected reports; no source from a condition; negated occurrences), the correction note read narrower, seasons merge by their year; .11 (session 11): the retrained event model, negations of occurrence, names of any alphabet, paragraph dates in the past tense, waters named after a country, a conditional threat's target; .2: negated events undated; .3: code_inferred "earlier", negated events dated by their own clause only; .4: the pair model; .5: code_inferred "shared", a country from a guessed one is "story"; .6: domestic events merge by sectors too; .7: reported_by kept for another actor of the same country; .8: a merged record never has a side as its reporter; --country reads only a leading place; .9: an office's listed attributes with a noun cue; .10: THREATEN modes from what is threatened
