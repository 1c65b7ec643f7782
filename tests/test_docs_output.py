"""docs/output.md describes every database column and every export."""
from __future__ import annotations

import re
from pathlib import Path

from lagebild.export import FORMATS
from lagebild.store import TABLES

DOC = Path(__file__).resolve().parents[1] / "docs" / "output.md"


def test_every_database_column_is_described():
    text = DOC.read_text(encoding="utf-8")
    for table, cols in TABLES.items():
        section = text.split(f"### `{table}`", 1)
        assert len(section) == 2, f"no section for table {table}"
        body = section[1].split("###", 1)[0]
        missing = [c for c, _ in cols if not re.search(rf"`{re.escape(c)}`", body)]
        assert not missing, f"{table}: columns not described: {missing}"


def test_every_export_format_is_described_and_readme_points_here():
    text = DOC.read_text(encoding="utf-8")
    for fmt in FORMATS:
        assert f"**{fmt}**" in text
    readme = (DOC.parents[1] / "README.md").read_text(encoding="utf-8")
    assert "docs/output.md" in readme
