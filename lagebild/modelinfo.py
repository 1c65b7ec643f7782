"""Where the shipped event model lives and what it defaults to, read without loading it
(light enough for ``--help``)."""
from __future__ import annotations

import functools
import json
import os
from pathlib import Path

EVENT_MODEL_DIR = Path(__file__).resolve().parent / "models" / "events_de"


def event_model_dir() -> Path:
    """The event model in use: ``$LAGEBILD_EVENT_MODEL``, else the shipped one."""
    return Path(os.environ.get("LAGEBILD_EVENT_MODEL") or EVENT_MODEL_DIR)


DEP_MODEL_DIR = Path(__file__).resolve().parent / "models" / "dep_de"


def dep_model_dir() -> Path:
    """The dependency parser in use: ``$LAGEBILD_DEP_MODEL``, else the package's folder
    (``lagebild/models/dep_de``, where ``lagebild train dep`` writes it; not shipped)."""
    return Path(os.environ.get("LAGEBILD_DEP_MODEL") or DEP_MODEL_DIR)


@functools.lru_cache(maxsize=8)
def _thresholds(meta_path: str) -> tuple[str | None, dict]:
    """(default coder, thresholds) of an event model's meta.json, read once per path; (None, {})
    when it is missing or unreadable."""
    try:
        meta = json.loads(Path(meta_path).read_text(encoding="utf-8"))
        return meta.get("default_coder"), dict(meta.get("thresholds") or {})
    except (OSError, ValueError, TypeError, AttributeError):
        return None, {}


def shipped_defaults(path: Path | None = None) -> tuple[str | None, float | None]:
    """(default coder, default confidence floor) of the event model, from its meta.json;
    (None, None) when there is no model."""
    coder, th = _thresholds(str((path or event_model_dir()) / "meta.json"))
    return coder, th.get("min_confidence")


def one_sided_floor(path: Path | None = None) -> float | None:
    """The confidence an event with an empty side needs under any floor above 0 (the one-sided
    policy chosen in training), or None without a model."""
    return _thresholds(str((path or event_model_dir()) / "meta.json"))[1].get("one_sided")


def guessed_pair_floor(path: Path | None = None) -> float | None:
    """The confidence an event between two countries, one of them guessed, needs under any floor
    above 0 (``Thresholds.guessed_pair``: the model's, else the default), or None without a model."""
    from .learned.coder import GUESSED_PAIR_FLOOR
    meta = (path or event_model_dir()) / "meta.json"
    if not meta.exists():
        return None
    return _thresholds(str(meta))[1].get("guessed_pair", GUESSED_PAIR_FLOOR)


def trained_on_dev(path: Path | None = None) -> bool:
    """Whether the event model was trained on the corpus's dev split too (``lagebild train events
    --with-dev``): its dev figures are then in sample."""
    try:
        meta = json.loads(((path or event_model_dir()) / "meta.json").read_text(encoding="utf-8"))
        return bool((meta.get("trained_on") or {}).get("dev_trained_on"))
    except (OSError, ValueError, TypeError, AttributeError):
        return False


def default_floor_text() -> str:
    """The default of ``--min-confidence`` as ``--help`` shows it."""
    coder, floor = shipped_defaults()
    if floor is None:
        return "none (no event model: the rule coder gives no confidence)"
    one = one_sided_floor()
    guessed = guessed_pair_floor()
    extra = f"; an event with an empty side needs {one}" if one is not None and one > floor else ""
    if guessed is not None and guessed > floor:
        extra += (f"; an event between two countries, one of them only guessed for its mention (the story's "
                  f"or the one named just before), needs {guessed}")
    return f"{floor}, the event model's floor for its default coder '{coder}'{extra}"
