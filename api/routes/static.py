"""/static: the explorer's own assets, and vis-network served straight from the installed pyvis package."""

from __future__ import annotations

from pathlib import Path

import pyvis
from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from visualize.render import STATIC_DIR

#: The vis-network build that pyvis ships (and was tested with); no CDN is ever asked for it.
VIS_DIR = Path(pyvis.__file__).resolve().parent / "lib" / "vis-9.1.2"


def mount_static(app: FastAPI) -> None:
    """Mount /static/vis (vis-network.min.js and .css) and /static (js/ modules, css, i18n)."""
    app.mount("/static/vis", StaticFiles(directory=VIS_DIR), name="static-vis")
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
