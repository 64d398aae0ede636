"""axe-core in the browser tests: ``await assert_accessible(page)`` fails on any WCAG 2.1 A/AA
violation on the page as it is shown, and names each one readably (rule, what to fix, where).

axe-core is the npm package, pinned in scripts/ensure_system.sh (part ``axe``) and installed
under build/npm/; ``make test`` installs it, and the first use here runs the same script when it
is missing. The source is run with ``page.evaluate``, which the DevTools protocol executes
outside the page's Content-Security-Policy: no inline <script> is added (``add_script_tag``
would be blocked by ``script-src 'self'``), and the CSP stays enforced for the page itself.
"""

from __future__ import annotations

import subprocess
from functools import cache
from pathlib import Path

import pytest
from playwright.async_api import Page

from tests.fixtures import ROOT

AXE_JS = ROOT / "build" / "npm" / "node_modules" / "axe-core" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

RUN_JS = """
async (tags) => {
  const results = await window.axe.run(document, {
    runOnly: { type: "tag", values: tags },
    resultTypes: ["violations"],
  });
  return results.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    url: v.helpUrl,
    nodes: v.nodes.map((n) => ({
      target: n.target.join(" "),
      html: n.html.slice(0, 160),
      summary: (n.failureSummary || "").replace(/\\s+/g, " ").trim(),
    })),
  }));
}
"""


@cache
def axe_source() -> str:
    """axe.min.js, installed by scripts/ensure_system.sh when it is not there yet."""
    if not AXE_JS.exists():
        done = subprocess.run(
            ["bash", str(ROOT / "scripts" / "ensure_system.sh"), "axe"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
            timeout=600,
        )
        if done.returncode != 0 or not AXE_JS.exists():
            pytest.fail(
                f"axe-core is not installed ({AXE_JS}); `bash scripts/ensure_system.sh axe` "
                f"said:\n{done.stdout}{done.stderr}"
            )
    return AXE_JS.read_text(encoding="utf-8")


async def violations(page: Page) -> list[dict]:
    """The page's WCAG 2.1 A and AA violations as axe reports them (empty when none)."""
    if not await page.evaluate("() => typeof window.axe === 'object'"):
        await page.evaluate(axe_source())
    return await page.evaluate(RUN_JS, WCAG_21_AA)


def describe(found: list[dict]) -> str:
    lines = []
    for v in found:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']} <{v['url']}>")
        for node in v["nodes"][:8]:
            lines.append(f"    at {node['target']}: {node['html']}")
            if node["summary"]:
                lines.append(f"      {node['summary']}")
        if len(v["nodes"]) > 8:
            lines.append(f"    … and {len(v['nodes']) - 8} more")
    return "\n".join(lines)


async def assert_accessible(page: Page, name: str = "") -> None:
    """Fail when axe finds a WCAG 2.1 A/AA violation on the page as it is now."""
    found = await violations(page)
    where = f"{name}: {page.url}" if name else page.url
    assert not found, f"WCAG 2.1 AA violations on {where}:\n{describe(found)}"


def installed_version() -> str:
    """The axe-core version in use (for reports)."""
    import json

    manifest = Path(AXE_JS).parent / "package.json"
    return json.loads(manifest.read_text(encoding="utf-8"))["version"]
