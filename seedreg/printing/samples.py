"""Made-up label contents with genuinely signed QR texts: for layout tests, PDF samples and the
label benchmark (no database needed)."""

from __future__ import annotations

import random
from datetime import date, timedelta

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from faker import Faker

from seedreg.demo_places import COUNTIES as PLACES
from seedreg.demo_places import TRADE_NAMES, address
from seedreg.labels.content import LabelContent
from seedreg.labels.signing import LabelPayload, generate_private_key, qr_text, verification_url

SPECIES = (
    ("兴安落叶松", "Larix gmelinii"),
    ("樟子松", "Pinus sylvestris var. mongolica"),
    ("华北落叶松", "Larix principis-rupprechtii"),
    ("小黑杨", "Populus × xiaohei"),
    ("山杏", "Armeniaca sibirica"),
    ("文冠果", "Xanthoceras sorbifolium"),
)
COUNTIES = tuple(PLACES)  # the league's six division codes; places from demo_places


def _quality(rng: random.Random, seedling: bool) -> str:
    if seedling:
        return f"Ⅰ级苗 苗龄 2-0 地径 0.{rng.randint(40, 80)} cm 苗高 {rng.randint(15, 40)} cm"
    return f"Ⅱ级 净度 {rng.randint(90, 99)}% 发芽率 {rng.randint(60, 90)}% 含水量 9%"


def fake_contents(
    n: int,
    *,
    key: Ed25519PrivateKey | None = None,
    base_url: str = "http://127.0.0.1:8000",
    seed: int = 20261127,
    start: int = 1,
) -> list[LabelContent]:
    """``n`` labels, alternately 良种 and 普通, seedlings and seed, with signed QR texts."""
    key = key or generate_private_key()
    fake = Faker("zh_CN")
    fake.seed_instance(seed)
    rng = random.Random(seed)  # noqa: S311 (made-up data, repeatable)
    out = []
    for i in range(start, start + n):
        improved = i % 2 == 1
        seedling = i % 3 != 0
        species, latin = rng.choice(SPECIES)
        code = rng.choice(COUNTIES)
        county, short, _ = PLACES[code]
        serial = f"XA26{i:08d}"
        lot = f"P2026-{i // 100:05d}"
        licence = f"1522012026{i % 10000:04d}"
        quantity = rng.randint(100, 5000) if seedling else rng.randint(1, 500)
        unit = "株" if seedling else "kg"
        issued = date(2026, 11, 27)
        version = 1 if i % 17 else 2
        payload = LabelPayload(serial, lot, licence, species, quantity, unit, issued, version)
        out.append(
            LabelContent(
                serial=serial,
                version=version,
                lot_number=lot,
                improved=improved,
                category="林木良种" if improved else "普通种",
                species=species,
                latin_name=latin,
                variety=f"兴安{rng.randint(1, 9)}号" if improved else "",
                approval_number=f"内S-SV-{species[:2]}-{rng.randint(1, 30):03d}-2024"
                if improved
                else "",
                suitable_area=f"内蒙古自治区兴安盟{county}及气候条件相似地区",
                suitable_season="春季（4月中旬至5月上旬）",
                producer=f"{short}{rng.choice(TRADE_NAMES)}林业苗木有限公司",
                registered_address=f"内蒙古自治区兴安盟{address(code, i)}",
                quality=_quality(rng, seedling),
                quality_certificate_number=f"ZJ2026{i:06d}",
                quarantine_number=f"1522012026{i:06d}",
                licence_number=licence,
                quantity=f"{quantity} {unit}",
                produced_on=issued - timedelta(days=rng.randint(0, 90)),
                origin=f"内蒙古自治区兴安盟{county}",
                phone=fake.phone_number(),
                instructions="按一般造林技术要求栽植；起苗后及时假植，避免根系失水。",
                qr_text=qr_text(base_url, payload, key),
                verify_url=verification_url(base_url, serial),
            )
        )
    return out
