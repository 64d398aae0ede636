"""seedreg — 兴安盟林木种苗监管系统 (forest seed and seedling regulatory system)."""

import os

# Piccolo finds its engine through this module path; set it before any table is imported.
os.environ.setdefault("PICCOLO_CONF", "seedreg.piccolo_conf")
