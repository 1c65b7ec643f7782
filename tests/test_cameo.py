"""PLOVER type/mode -> CAMEO root, quad class and Goldstein value."""
from __future__ import annotations

import doctest
import os
import subprocess
import sys
from pathlib import Path

import pytest

import lagebild.cameo as cameo_module
from lagebild.cameo import QUAD_CLASSES, cameo_event, code_event, load_table
from lagebild.records import EVENT_TYPES

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("LAGEBILD_SHARED") or REPO.parent / "shared")

EXPECTED_ROOT_AND_QUAD = {
    "AGREE": ("03", 1), "CONSULT": ("04", 1), "SUPPORT": ("05", 1), "CONCEDE": ("08", 1),
    "COOPERATE": ("06", 2), "AID": ("07", 2), "RETREAT": ("08", 2), "REQUEST": ("10", 3),
    "ACCUSE": ("11", 3), "REJECT": ("12", 3), "THREATEN": ("13", 3), "SANCTION": ("16", 3),
    "PROTEST": ("14", 4), "MOBILIZE": ("15", 4), "COERCE": ("17", 4), "ASSAULT": ("19", 4),
}


@pytest.mark.parametrize("event_type", EVENT_TYPES)
def test_every_plover_type_has_a_cameo_root_quad_class_and_goldstein(event_type):
    root, quad, goldstein = code_event(event_type, None)
    assert (root, quad) == EXPECTED_ROOT_AND_QUAD[event_type]
    assert -10.0 <= goldstein <= 10.0
    # cooperation scores positive, conflict scores negative
    assert (goldstein > 0) == (quad <= 2)


def test_the_spec_example_consult_phone():
    assert code_event("CONSULT", "phone") == ("04", 1, 1.0)


@pytest.mark.parametrize("event_type,mode,root", [
    ("ACCUSE", "investigate", "09"), ("ACCUSE", "disapprove", "11"), ("ACCUSE", "allege", "11"),
    ("ASSAULT", "abduct", "18"), ("ASSAULT", "suicide-attack", "18"), ("ASSAULT", "firearms", "19"),
    ("ASSAULT", "aerial", "19"), ("ASSAULT", "unconventional", "20"), ("ASSAULT", "crowd-control", "17"),
    ("MOBILIZE", "troops", "15"), ("MOBILIZE", "police", "15"), ("REQUEST", "meet", "10"),
    ("REQUEST", "assist", "10"), ("REQUEST", "change", "10"), ("REQUEST", "yield", "10"),
    ("SANCTION", "convict", "11"), ("COERCE", "arrest", "17"), ("RETREAT", "withdraw", "08"),
    ("PROTEST", "demo", "14"), ("CONSULT", "visit", "04"), ("THREATEN", "violence", "13"),
])
def test_modes_pick_their_cameo_root(event_type, mode, root):
    assert code_event(event_type, mode)[0] == root


def test_mode_specific_goldstein_values_differ_from_the_default():
    assert code_event("CONSULT", "visit")[2] == 1.9          # CAMEO 042
    assert code_event("RETREAT", "withdraw")[2] == 10.0      # CAMEO 0874
    assert code_event("ASSAULT", "abduct")[2] == -9.0        # CAMEO 181


def test_every_row_has_a_valid_quad_class_and_a_root_matching_its_code():
    table = load_table()
    assert len(table) > 60
    for (event_type, mode), rec in table.items():
        assert event_type in EVENT_TYPES
        assert rec.quad_class in QUAD_CLASSES
        assert rec.cameo_code.startswith(rec.cameo)
        assert rec.quad_class == EXPECTED_ROOT_AND_QUAD[event_type][1]


def test_sanction_keeps_plover_quad_but_records_gdelts():
    rec = cameo_event("SANCTION")
    assert rec.quad_class == 3 and rec.gdelt_quad_class == 4


def test_unknown_mode_falls_back_to_the_type_and_case_is_ignored():
    assert code_event("consult", "carrier-pigeon") == code_event("CONSULT", None)
    assert code_event("ASSAULT", "") == code_event("ASSAULT", None)


def test_unknown_type_is_an_error_listing_the_types():
    with pytest.raises(ValueError, match="AGREE"):
        code_event("INVADE", None)


def test_table_is_reproducible_from_the_shared_sources():
    if not (SHARED / "data" / "plover" / "CAMEO2PLOVER-2021.txt").exists():
        pytest.skip("../shared/data not present")
    env = dict(os.environ, LAGEBILD_SHARED=str(SHARED))
    proc = subprocess.run([sys.executable, str(REPO / "tools" / "build_plover_cameo.py"), "--check"],
                          capture_output=True, text=True, env=env, timeout=60)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_module_examples_run():
    assert doctest.testmod(cameo_module).failed == 0
