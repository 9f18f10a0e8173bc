#!/usr/bin/env python
"""Render README.md from nbs/index.ipynb (what `nbdev_readme` does, without Quarto, which has no offline install).

Markdown cells are copied; code cells become ```python blocks; cells marked `#| hide` are left out.
`--check` fails if README.md is not what nbs/index.ipynb renders to.
"""
import json, sys
from pathlib import Path

root = Path(__file__).resolve().parent.parent


def render() -> str:
    nb = json.loads((root / "nbs" / "index.ipynb").read_text())
    out = []
    for c in nb["cells"]:
        src = "".join(c["source"])
        lines = src.splitlines()
        if any(l.strip().replace(" ", "") in ("#|hide", "#|exporti", "#|export") for l in lines): continue
        if c["cell_type"] == "markdown":
            out.append(src.strip())
        elif c["cell_type"] == "code":
            code = "\n".join(l for l in lines if not l.lstrip().startswith("#|")).strip()
            if code: out.append(f"```python\n{code}\n```")
    return "<!-- generated from nbs/index.ipynb by .ci/readme.py: edit the notebook, not this file -->\n\n" + "\n\n".join(out) + "\n"


if __name__ == "__main__":
    text = render()
    if "--check" in sys.argv:
        if (root / "README.md").read_text() != text:
            sys.exit("README.md is out of date: run `python .ci/readme.py` (it is generated from nbs/index.ipynb)")
        print("README.md matches nbs/index.ipynb")
    else:
        (root / "README.md").write_text(text)
        print("wrote README.md")
