"""Conventions the code keeps (../shared/style.md §4.1, issue 11 item 9), checked by reading the
source: core knows no domain, modules stay under 400 lines, templates ask the rules instead of
comparing role or status literals.

Each check has an explicit allow-list of what is not fixed yet. The lists only shrink: an entry
that no longer offends fails the test too, so it is removed when its module is fixed."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "seedreg"
TEMPLATES = ROOT / "templates"
MAX_LINES = 400

# The domain packages (every top-level package of seedreg but core) and the top-level modules that
# build on them; seedreg.settings and seedreg.piccolo_conf are platform, as core is.
PLATFORM = {"core", "settings", "piccolo_conf", "__init__", "__main__"}
DOMAINS = sorted(
    (
        {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
        | {p.stem for p in PACKAGE.glob("*.py")}
    )
    - PLATFORM
)

# core modules that import a domain: none (scheduler duties, the audit page, the PDF samples and
# the role filter moved out or are registered by the app)
CORE_IMPORTS_ALLOWED: dict[str, set[str]] = {}

# modules over MAX_LINES not split yet
LONG_MODULES_ALLOWED: set[str] = set()

# templates that still compare a role or a status literal, with how many comparisons
TEMPLATE_LITERALS_ALLOWED: dict[str, int] = {}


def _python_modules(under: Path) -> list[Path]:
    return sorted(p for p in under.rglob("*.py") if "piccolo_migrations" not in p.parts)


def _rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def _imported_modules(path: Path) -> set[str]:
    """Every module an import statement names, at any depth (also imports inside functions)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def core_domain_imports() -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for path in _python_modules(PACKAGE / "core"):
        domains = {
            name.split(".")[1]
            for name in _imported_modules(path)
            if name.startswith("seedreg.") and name.split(".")[1] in DOMAINS
        }
        if domains:
            found[_rel(path)] = domains
    return found


def test_core_imports_no_domain_package():
    assert core_domain_imports() == CORE_IMPORTS_ALLOWED


# Pages and API are web; the rest (services, rules, documents, jobs) imports no web module.
# The Jinja environment is not one: PDFs render with it too.
_WEB_MODULE = re.compile(
    r"^(litestar|seedreg\.core\.web(?!\.templating)|seedreg\.(?!core\.)\w+\.(\w+_)?(views|api|web))\b"
)
WEB_ADAPTERS = {"seedreg/licensing/forms.py"}  # parses a page's Request into the schemas


def _is_web(path: Path) -> bool:
    stem = path.stem
    return stem in {"views", "api", "web", "app", "__main__"} or stem.endswith(("_views", "_api"))


def services_importing_web() -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for path in _python_modules(PACKAGE):
        if _is_web(path) or _rel(path) in WEB_ADAPTERS or path.parent.name == "web":
            continue
        names = {n for n in _imported_modules(path) if _WEB_MODULE.match(n)}
        if names:
            found[_rel(path)] = names
    return found


def test_services_import_no_web_module():
    assert services_importing_web() == {}
    assert _WEB_MODULE.match("seedreg.core.web.forms")
    assert _WEB_MODULE.match("seedreg.labels.public_views")
    assert not _WEB_MODULE.match("seedreg.core.web.templating")
    assert not _WEB_MODULE.match("seedreg.labels.verification")


def test_the_domain_list_is_the_package():
    # a check that cannot see the domains would pass vacuously
    assert {"licensing", "labels", "lots", "accounts", "quality"} <= set(DOMAINS)
    assert "core" not in DOMAINS


# A development machine's absolute path (comments cite the law, a standard or a repository file).
_OUTSIDE_PATH = re.compile(r"(?<![\w.:/])/(?:home|Users|work|root|tmp|mnt)/[\w.-]+")


def paths_outside_the_repository() -> dict[str, list[str]]:
    found = {}
    sources = [*_python_modules(PACKAGE), *TEMPLATES.rglob("*.html"), ROOT / "Makefile"]
    for path in sources:
        hits = _OUTSIDE_PATH.findall(path.read_text(encoding="utf-8"))
        if hits:
            found[_rel(path)] = hits
    return found


def test_nothing_names_a_path_outside_the_repository():
    assert paths_outside_the_repository() == {}
    assert _OUTSIDE_PATH.search("see /work/shared/performance.md")
    assert not _OUTSIDE_PATH.search("https://example.org/work/x and scripts/work/y")


def long_modules() -> dict[str, int]:
    lengths = {
        _rel(p): len(p.read_text(encoding="utf-8").splitlines()) for p in _python_modules(PACKAGE)
    }
    return {path: n for path, n in lengths.items() if n > MAX_LINES}


def test_no_module_over_400_lines_outside_migrations():
    assert set(long_modules()) == LONG_MODULES_ALLOWED, long_modules()


# A comparison in a Jinja expression: `x == "lit"`, `"lit" != x`, `x in ("a", "b")`.
_EXPRESSION = re.compile(r"{[{%](.*?)[%}]}", re.S)
_EQUALS = re.compile(
    r"([\w.\[\]'\"]+)\s*(?:==|!=)\s*(['\"])(\w+)\2|(['\"])(\w+)\4\s*(?:==|!=)\s*([\w.]+)"
)
_IN = re.compile(r"([\w.]+)\s+(?:not\s+)?in\s*[(\[]((?:\s*['\"]\w+['\"]\s*,?)+)[)\]]")


def _role_values() -> set[str]:
    from seedreg.accounts.rules import Role

    return {role.value for role in Role}


def _offends(subject: str, literal: str, roles: set[str]) -> bool:
    name = subject.rsplit(".", 1)[-1].lower()
    return literal in roles or "role" in name or "status" in name


def template_literals(text: str, roles: set[str]) -> list[str]:
    """The role or status comparisons in a template's source: a literal that is a role's value,
    or any literal compared with something named *role* or *status*."""
    found = []
    for expression in _EXPRESSION.findall(text):
        for m in _EQUALS.finditer(expression):
            subject, literal = (m[1], m[3]) if m[1] else (m[6], m[5])
            if _offends(subject, literal, roles):
                found.append(m[0])
        for m in _IN.finditer(expression):
            literals = re.findall(r"['\"](\w+)['\"]", m[2])
            if any(_offends(m[1], literal, roles) for literal in literals):
                found.append(m[0])
    return found


def templates_with_literals() -> dict[str, int]:
    roles = _role_values()
    found = {}
    for path in sorted(TEMPLATES.rglob("*.html")):
        hits = template_literals(path.read_text(encoding="utf-8"), roles)
        if hits:
            found[path.relative_to(TEMPLATES).as_posix()] = len(hits)
    return found


def test_no_template_compares_a_role_or_status_literal():
    assert templates_with_literals() == TEMPLATE_LITERALS_ALLOWED


@pytest.mark.parametrize(
    ("source", "hits"),
    [
        ('{% if actor.role == "operator" %}', 1),
        ("{% if a.status != 'submitted' %}", 1),
        ('{% if "league_admin" == user.role %}', 1),
        ('{% if app.status in ("submitted", "accepted") %}', 1),
        ('{% if x == "operator" %}', 1),  # a role's value, whatever it is compared with
        ('{% if kind == "seed" %}', 0),  # not a role, not a status
        ("{% if nav.may_review %}", 0),
        ('<p>status == "submitted"</p>', 0),  # text, not an expression
    ],
)
def test_the_template_check_sees_comparisons(source, hits):
    assert len(template_literals(source, _role_values())) == hits


def _status_values() -> set[str]:
    """Every value of a status or state enum in the rules modules."""
    import enum
    import importlib

    values: set[str] = set()
    for path in PACKAGE.glob("*/*rules.py"):
        module = importlib.import_module(f"seedreg.{path.parent.name}.{path.stem}")
        for obj in vars(module).values():
            named = getattr(obj, "__name__", "")
            if (
                isinstance(obj, type)
                and issubclass(obj, enum.Enum)
                and named.endswith(("Status", "State"))
            ):
                values.update(str(member.value) for member in obj)
    return values


def bare_status_comparisons(path: Path, statuses: set[str]) -> list[str]:
    """`x.status == "valid"`, `row["status"] != "revoked"`, `{T.status: "revoked"}`: a status
    written as a bare string where its enum should be."""
    found = []
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        pairs: list[tuple[ast.AST, ast.AST]] = []
        if isinstance(node, ast.Compare):
            pairs = [(node.left, c) for c in node.comparators]
        elif isinstance(node, ast.Dict):
            pairs = [(k, v) for k, v in zip(node.keys, node.values, strict=True) if k]
        elif isinstance(node, ast.keyword) and node.arg == "status":
            pairs = [(ast.Name(id="status"), node.value)]
        for a, b in pairs:
            for subject, other in ((a, b), (b, a)):
                if (
                    isinstance(other, ast.Constant)
                    and other.value in statuses
                    and "status" in ast.unparse(subject).lower()
                ):
                    found.append(f"{path.name}:{node.lineno}: {ast.unparse(subject)}")
    return found


# Domains whose status columns are compared through their enums (issue 11 item 5).
ENUM_DOMAINS = ("quality", "quarantine", "lots", "licensing", "labels", "printing")
BARE_STATUSES_ALLOWED: dict[str, int] = {}


def test_status_columns_are_compared_as_enums():
    statuses = _status_values()
    found = {}
    for domain in ENUM_DOMAINS:
        for path in _python_modules(PACKAGE / domain):
            hits = bare_status_comparisons(path, statuses)
            if hits:
                found[_rel(path)] = len(hits)
    assert found == BARE_STATUSES_ALLOWED


def test_the_status_check_sees_bare_strings(tmp_path):
    source = tmp_path / "m.py"
    source.write_text(
        'a = row["status"] == "revoked"\n'
        "b = T.update({T.status: 'valid'})\n"
        'c = T(status="valid")\n'
        'd = kind == "valid"\n'  # not a status
        "e = row.status == State.VALID\n"
    )
    assert len(bare_status_comparisons(source, {"valid", "revoked"})) == 3


def pdf_responses_built_by_hand() -> list[str]:
    """`Response(..., media_type="application/pdf")` outside core.web.responses.pdf_response."""
    found = []
    for path in _python_modules(PACKAGE):
        if _rel(path) == "seedreg/core/web/responses.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and ast.unparse(node.func).endswith("Response")
                and any(
                    k.arg == "media_type"
                    and isinstance(k.value, ast.Constant)
                    and k.value.value == "application/pdf"
                    for k in node.keywords
                )
            ):
                found.append(f"{_rel(path)}:{node.lineno}")
    return found


def test_one_pdf_response():
    from seedreg.core.web.responses import pdf_response

    assert pdf_responses_built_by_hand() == []
    response = pdf_response(b"%PDF-1.7", "licence-7-original.pdf")
    assert response.media_type == "application/pdf"
    assert response.headers["Content-Disposition"] == 'inline; filename="licence-7-original.pdf"'


def _table_owners() -> dict[str, str]:
    """Table name and class name → the domain whose tables.py defines it."""
    import importlib

    from piccolo.table import Table

    owners: dict[str, str] = {}
    for path in [*PACKAGE.glob("*/tables.py"), *PACKAGE.glob("core/*/tables.py")]:
        name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
        domain = path.parent.name if path.parent.parent == PACKAGE else "core"
        for obj in vars(importlib.import_module(name)).values():
            if isinstance(obj, type) and issubclass(obj, Table) and obj.__module__ == name:
                owners[obj._meta.tablename] = owners[obj.__name__] = domain
    return owners


_RAW_WRITE = re.compile(r"\b(?:UPDATE|INSERT\s+INTO|DELETE\s+FROM)\s+(\w+)", re.I)
_ORM_WRITE = re.compile(r"\b([A-Z]\w*)\.(?:update|insert|delete|raw)\(")


def writes_to_other_domains() -> dict[str, set[str]]:
    """Modules that write a table another domain owns (raw SQL or the table class)."""
    owners = _table_owners()
    found: dict[str, set[str]] = {}
    for path in _python_modules(PACKAGE):
        parts = path.relative_to(PACKAGE).parts
        if len(parts) < 2 or parts[0] == "core":
            continue  # top-level modules (demo data, ops) and core's own tables
        text = path.read_text(encoding="utf-8")
        written = set(_RAW_WRITE.findall(text)) | set(_ORM_WRITE.findall(text))
        others = {t for t in written if owners.get(t, parts[0]) not in (parts[0], "core")}
        if others:
            found[_rel(path)] = others
    return found


# Modules that write another domain's table, not moved behind its owner's service yet.
OTHER_TABLE_WRITES_ALLOWED: dict[str, set[str]] = {}


def test_one_owner_per_table():
    assert writes_to_other_domains() == OTHER_TABLE_WRITES_ALLOWED
    owners = _table_owners()
    assert (owners["lot"], owners["Label"], owners["label"]) == ("lots", "labels", "labels")
    assert _RAW_WRITE.findall("UPDATE lot SET labelled_quantity = 0") == ["lot"]
    assert _ORM_WRITE.findall("await Label.update({Label.status: 'void'})") == ["Label"]


def _table_names() -> list[tuple[str, str]]:
    """(table name, module) of every Piccolo table the packages define."""
    import importlib

    from piccolo.table import Table

    found = []
    for path in [*PACKAGE.glob("*/tables.py"), *PACKAGE.glob("core/*/tables.py")]:
        name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
        for obj in vars(importlib.import_module(name)).values():
            if isinstance(obj, type) and issubclass(obj, Table) and obj.__module__ == name:
                found.append((obj._meta.tablename, name))
    return found


def test_table_names_are_unique_across_packages():
    # Two branches once both created a table `delivery`; only the migration caught it.
    names = _table_names()
    seen: dict[str, str] = {}
    clashes = []
    for table, module in names:
        if table in seen and seen[table] != module:
            clashes.append((table, seen[table], module))
        seen.setdefault(table, module)
    assert len(names) > 40
    assert clashes == []


def test_test_modules_have_unique_basenames():
    # pytest stops collecting when two test folders hold a module of the same name.
    names = [p.name for p in (ROOT / "tests").rglob("test_*.py")]
    assert len(names) > 100
    assert sorted({n for n in names if names.count(n) > 1}) == []
