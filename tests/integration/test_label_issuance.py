"""Label services against the real database: thousands of labels in one request, a serial
collision retried, the signing key's life (keygen, loading, the public page, the CLI check),
the one-query look-up on both paths, and masking of an individual producer."""

from __future__ import annotations

import asyncio
import itertools
import os
import re
import stat
import time
from pathlib import Path

import pytest

from seedreg.core.db import fetch
from seedreg.labels import fastdb, fastsql, issuance, keys, rules, signing, verification
from seedreg.labels.schemas import IssueIn
from seedreg.settings import get_settings
from tests.factories import actor_named
from tests.fixtures import run_cli
from tests.http.lotkit import ok
from tests.label_support import make_chain, sql


@pytest.fixture(scope="module")
def chain(api):
    return make_chain(api)


def test_thousands_of_labels_in_one_request(chain):
    lot = chain.ready_lot(quantity=100_000)
    start = time.perf_counter()
    r = chain.alice.post(
        f"/api/labels/lots/{lot['id']}/issues", json={"count": 5000, "quantity_each": 20}
    )
    took = time.perf_counter() - start
    done = ok(r, 201)
    assert (done["count"], done["first_sequence"], done["last_sequence"]) == (5000, 1, 5000)
    rows = sql(
        "SELECT COUNT(*) AS n, COUNT(DISTINCT serial) AS serials, MIN(sequence) AS lo, "
        "MAX(sequence) AS hi, SUM(quantity) AS total FROM label WHERE issued_in = {}",
        done["id"],
    )[0]
    assert (rows["n"], rows["serials"], rows["lo"], rows["hi"]) == (5000, 5000, 1, 5000)
    assert int(rows["total"]) == 100_000
    assert took < 30, f"5,000 labels took {took:.1f} s"


def test_a_serial_collision_is_retried_with_a_fresh_serial(chain, monkeypatch):
    lot = chain.ready_lot(quantity=1000)
    taken = sql("SELECT serial FROM label ORDER BY id LIMIT 1")[0]["serial"]
    fresh = (rules.serial_from_number(n) for n in itertools.count(10**15 + os.getpid() * 1000))
    handed: list[str] = []

    def colliding() -> str:
        # The first two serials handed out are one already in use: both must be replaced.
        serial = taken if len(handed) < 2 else next(fresh)
        handed.append(serial)
        return serial

    monkeypatch.setattr(rules, "new_serial", colliding)

    async def run():
        alice = await actor_named("alice")
        return await issuance.issue_labels(alice, lot["id"], IssueIn(count=3, quantity_each=5))

    done = asyncio.run(run())
    made = sql("SELECT serial FROM label WHERE issued_in = {} ORDER BY sequence", done.id)
    serials = [r["serial"] for r in made]
    assert len(serials) == 3
    assert taken not in serials
    assert len(handed) == 5  # 3 tried, 2 collided and were replaced
    assert sql("SELECT COUNT(*) AS n FROM label WHERE serial = {}", taken)[0]["n"] == 1


def test_keygen_keeps_an_existing_key_and_creates_a_new_one_once(tmp_path, database):
    # `database` runs the set-up's keygen: in random order this test may come first
    configured = get_settings().label_key_path
    before = configured.read_bytes()
    again = run_cli("keygen")
    assert "已存在，保持不变" in again.stdout
    assert keys.fingerprint() in again.stdout
    assert configured.read_bytes() == before

    path = tmp_path / "keys" / "new.pem"
    env = {"SEEDREG_LABEL_SIGNING_KEY_FILE": str(path)}
    first = run_cli("keygen", env=env)
    assert "已生成" in first.stdout
    assert path.exists()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    content = path.read_bytes()
    assert b"BEGIN PRIVATE KEY" in content
    second = run_cli("keygen", env=env)
    assert "已存在" in second.stdout
    assert path.read_bytes() == content
    created, fingerprint = keys.ensure_key(path)
    assert not created
    assert fingerprint == signing.public_key_fingerprint(signing.load_private_key(content))


def test_a_missing_key_is_a_clear_error(tmp_path):
    with pytest.raises(keys.SigningKeyMissing, match="python -m seedreg keygen"):
        keys._read(tmp_path / "absent.pem")
    bad = tmp_path / "bad.pem"
    bad.write_text("not a key")
    with pytest.raises(keys.SigningKeyMissing, match="无法读取"):
        keys._read(bad)
    missing = run_cli(
        "verify-label",
        "x",
        env={"SEEDREG_LABEL_SIGNING_KEY_FILE": str(tmp_path / "x.pem")},
        check=False,
    )
    assert missing.returncode == 2
    assert "keygen" in missing.stderr


def test_the_cli_checks_a_qr_text_with_the_configured_key(chain):
    lot = chain.ready_lot(quantity=100)
    done = ok(
        chain.alice.post(
            f"/api/labels/lots/{lot['id']}/issues", json={"count": 1, "quantity_each": 7}
        ),
        201,
    )

    async def contents():
        from seedreg.labels.printable import label_contents

        return await label_contents(await actor_named("alice"), done["id"])

    content = asyncio.run(contents())[0]
    good = run_cli("verify-label", content.qr_text)
    assert good.stdout.rstrip().splitlines()[-1] == "签名有效"
    assert content.serial in good.stdout
    assert "7 株" in good.stdout
    prefix, token = content.qr_text.rsplit("#", 1)
    forged = prefix + "#" + token[:10] + ("A" if token[10] != "A" else "B") + token[11:]
    bad = run_cli("verify-label", forged, check=False)
    assert bad.returncode == 1
    assert "签名有效" not in bad.stdout


def test_the_public_key_page_publishes_the_configured_key(server):
    import httpx

    page = httpx.get(f"{server}/labels/public-key").text
    assert keys.fingerprint() in page
    assert "Ed25519" in page
    assert "-----BEGIN PUBLIC KEY-----" in page
    pem = httpx.get(f"{server}/labels/public-key.pem")
    assert pem.content.decode() == keys.public_pem()
    assert (
        signing.public_key_fingerprint(signing.load_public_key(pem.content)) == keys.fingerprint()
    )
    offline = httpx.get(f"{server}/labels/verify-offline.html")
    assert offline.headers["content-disposition"].startswith("attachment")
    # inline, with the response's nonce (the policy allows no other inline code)
    assert re.search(r'<script nonce="[^"]+">', offline.text)
    assert re.search(r'<style nonce="[^"]+">', offline.text)
    # Self-contained: nothing to fetch (no src/href), the key inline.
    assert re.findall(r"(?:src|href)\s*=", offline.text) == []
    assert keys.fingerprint() in offline.text


def _one_label(chain) -> tuple[dict, str]:
    lot = chain.ready_lot(quantity=100)
    ok(
        chain.alice.post(
            f"/api/labels/lots/{lot['id']}/issues", json={"count": 1, "quantity_each": 7}
        ),
        201,
    )
    return lot, sql("SELECT serial FROM label WHERE lot = {}", lot["id"])[0]["serial"]


def test_the_fast_lookup_returns_what_the_ordinary_query_returns(chain):
    _, serial = _one_label(chain)

    async def both(query: str, key: object) -> tuple[dict, dict]:
        fast = await fastdb.fetch_one(query, key)
        plain = await fetch(query.replace("?", "{}"), key)
        return fast, plain[0]

    select = f"{fastsql.LABEL_SELECT} WHERE {fastsql.LABEL_KEY} = ?"
    label, plain_label = asyncio.run(both(select, serial))
    issue, plain_issue = asyncio.run(both(fastsql.ISSUE_SQL, label["issued_in"]))
    fast, plain = {**label, **issue}, {**plain_label, **plain_issue}
    assert fast.keys() == plain.keys()
    assert verification.facts(fast) == verification.facts(plain)
    assert verification.public_fields(fast) == verification.public_fields(plain)
    looked_up = asyncio.run(verification.lookup(serial))
    assert verification.facts(looked_up) == verification.facts(fast)
    assert asyncio.run(verification.lookup("NOT-A-SERIAL")) is None
    assert (
        asyncio.run(
            verification.lookup(serial[:-1] + "0" if serial[-1] != "0" else serial[:-1] + "1")
        )
        is None
    )


@pytest.fixture
def cache_seconds(monkeypatch):
    def set_to(seconds: float) -> None:
        monkeypatch.setattr(get_settings(), "label_verify_cache_seconds", seconds)
        verification.issue_facts.clear()

    yield set_to
    verification.issue_facts.clear()


def _verdict(serial: str) -> str:
    return asyncio.run(verification.check(serial, "192.0.2.1"))["verdict"]


def test_an_issues_states_are_kept_a_moment_and_an_audited_change_clears_them(chain, cache_seconds):
    from seedreg.core.audit import services as audit

    lot, serial = _one_label(chain)
    cache_seconds(60)
    assert _verdict(serial) == "valid"
    # Behind the process's back (another worker's change): the kept states still answer ...
    sql("UPDATE lot SET status = 'recalled', recall_reason = {} WHERE id = {}", "测试", lot["id"])
    assert _verdict(serial) == "valid"
    # ... until anything is audited in this process (every state change is)
    asyncio.run(audit.record(audit.SYSTEM, "test:touch", "lot", lot["id"]))
    assert _verdict(serial) == "recalled"


def test_kept_states_expire_and_zero_turns_the_cache_off(chain, cache_seconds):
    lot, serial = _one_label(chain)
    cache_seconds(0.3)
    assert _verdict(serial) == "valid"
    sql("UPDATE lot SET status = 'recalled', recall_reason = {} WHERE id = {}", "测试", lot["id"])
    time.sleep(0.4)
    assert _verdict(serial) == "recalled"
    sql("UPDATE lot SET status = 'active', recall_reason = '' WHERE id = {}", lot["id"])
    cache_seconds(0)
    assert _verdict(serial) == "valid"
    assert verification.issue_facts.entries == {}
    sql("UPDATE lot SET status = 'recalled', recall_reason = {} WHERE id = {}", "测试", lot["id"])
    assert _verdict(serial) == "recalled"


def test_an_individual_producers_personal_data_is_masked():
    row = {
        "content": {
            "category": "普通种", "species": "樟子松", "latin_name": "", "variety": "",
            "approval_number": "", "producer": "王小明", "organisation_kind": "individual",
            "registered_address": "乌兰浩特市某村5号", "phone": "13912345678",
            "licence_number": "15220120260001", "lot_number": "P260000001",
            "produced_on": "2026-04-01", "origin": "兴安盟", "quality": "Ⅰ级苗",
            "quality_certificate_number": "Q1", "quarantine_number": "K1",
        },
        "material": "seedling", "quantity": 100, "version": 1, "issued_on": "2026-04-02",
    }  # fmt: skip
    shown = verification.public_fields(row)
    assert shown["producer"] == "王**"
    assert shown["phone"] == "139****5678"
    assert shown["registered_address"] == ""
    enterprise = verification.public_fields(
        {**row, "content": {**row["content"], "organisation_kind": "enterprise"}}
    )
    assert enterprise["producer"] == "王小明"
    assert enterprise["phone"] == "13912345678"


def test_the_key_file_is_where_the_settings_say(tmp_path):
    settings = get_settings()
    assert settings.label_key_path == Path(os.environ["SEEDREG_VAR_DIR"]) / "keys/label-signing.pem"
    assert settings.label_key_path.exists()
