"""Nothing asked twice (兴署发〔2021〕5号 Art. 10(四): a material the authorities can obtain by
sharing among themselves is not asked of the applicant, who may be asked to confirm it; Art.
20: matters handled by the unified social credit code alone). Pure: which records the system
holds can stand for which of a matter's materials. The catalogue says per material which kinds
of record may (``held_by``, data in fixtures/matters); the services gather the records."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

HELD = "held"  # ApplicationMaterial.source of a material confirmed from a record
HELD_LABEL = "系统调取"
CONFIRM_LABEL = "使用系统已有材料"


class RecordKind(StrEnum):
    REGISTRATION = "registration"
    LICENCE = "licence"
    UPLOAD = "upload"
    QUALITY = "quality_certificate"
    QUARANTINE = "quarantine_certificate"
    INTRODUCTION = "introduction"
    VARIETY = "improved_variety"

    @property
    def label(self) -> str:
        return {
            "registration": "登记的营业执照信息（统一社会信用代码已核验）",
            "licence": "本单位的林木种子生产经营许可证",
            "upload": "以前申请时上传的同一材料",
            "quality_certificate": "系统签发的本批次质量检验合格证",
            "quarantine_certificate": "系统签发的本批次产地检疫合格证",
            "introduction": "本单位已获准的同一树种、品种的引种",
            "improved_variety": "林木良种名录中的审定（认定）记录",
        }[self.value]


@dataclass(frozen=True)
class HeldRecord:
    """A record the system holds for the organisation: ``ref`` is its id in its own package,
    ``link`` where an officer sees it; ``material`` (earlier uploads only) the catalogue key
    it was uploaded as; ``valid_to`` the last day it may stand for a material; ``about`` what
    it concerns (``subjects_of``: a lot, a 良种 number, a stock), empty when it concerns the
    organisation as a whole."""

    kind: RecordKind
    ref: str
    label: str
    link: str
    material: str = ""
    valid_to: date | None = None
    about: frozenset[str] = frozenset()

    @property
    def token(self) -> str:
        """What the confirmation form sends back: kind and ref, nothing the applicant could
        use to point at another organisation's record (the service looks it up again)."""
        return f"{self.kind.value}:{self.ref}"


def held_kinds(held_by: str) -> tuple[RecordKind, ...]:
    """The catalogue's comma-separated kinds; ValueError names an unknown one (at load)."""
    kinds = []
    for word in (w.strip() for w in held_by.split(",")):
        if not word:
            continue
        if word not in RecordKind.__members__.values():
            raise ValueError(f"未知的系统已有材料类别：{word}")
        kinds.append(RecordKind(word))
    return tuple(kinds)


def subjects_of(details: Mapping[str, Any]) -> frozenset[str]:
    """What an application is about, from its details whatever the matter: its lots
    (``lot_id``, ``lot_ids``, ``items[].lot_id``), the 良种 number it names and the stock
    (species and variety) it introduces. A record about something else stands for nothing."""
    lots: list[Any] = [details.get("lot_id"), *(details.get("lot_ids") or [])]
    lots += [i.get("lot_id") for i in details.get("items") or [] if isinstance(i, Mapping)]
    found = {f"lot:{int(x)}" for x in lots if str(x).isdigit()}
    if number := str(details.get("variety_number") or "").strip():
        found.add(f"variety:{number}")
    species, variety = details.get("species"), details.get("variety")
    if species and variety:
        found.add(stock(str(species), str(variety)))
    return frozenset(found)


def lot_ids(subjects: frozenset[str]) -> list[int]:
    """The lots among an application's subjects."""
    return sorted(int(s.removeprefix("lot:")) for s in subjects if s.startswith("lot:"))


def stock(species: str, variety: str) -> str:
    """The subject key of an introduced stock."""
    return f"stock:{species.strip()}|{variety.strip()}"


def stands_for(
    record: HeldRecord,
    material: Mapping[str, Any],
    today: date,
    subjects: frozenset[str] = frozenset(),
) -> bool:
    """Whether ``record`` may stand for ``material`` today: its kind is one the catalogue
    names, it is still valid, it concerns what the application is about (``subjects``), and
    an earlier upload was of this very material."""
    if record.kind not in held_kinds(material.get("held_by", "")):
        return False
    if record.valid_to is not None and record.valid_to < today:
        return False
    if record.about and not record.about & subjects:
        return False
    key = f"{material['matter']}:{material['code']}"
    return record.kind is not RecordKind.UPLOAD or record.material == key


def candidates(
    materials: Iterable[Mapping[str, Any]],
    records: Iterable[HeldRecord],
    present: set[str],
    today: date,
    subjects: frozenset[str] = frozenset(),
) -> dict[str, list[HeldRecord]]:
    """For each material not yet present, the records that may stand for it (in the order
    given); materials with none are left out."""
    records = list(records)
    found: dict[str, list[HeldRecord]] = {}
    for m in materials:
        if m["code"] in present:
            continue
        if fit := [r for r in records if stands_for(r, m, today, subjects)]:
            found[m["code"]] = fit
    return found


def pick(offered: Mapping[str, list[HeldRecord]], item_code: str, token: str) -> HeldRecord:
    """The record the applicant confirmed, among those offered for the item; ValueError (a
    Chinese message) when it is not one of them."""
    for record in offered.get(item_code, []):
        if record.token == token:
            return record
    raise ValueError("所选的系统已有材料不适用于该项材料，或已不再有效，请刷新页面后重试")
