"""What a lot's archive lacks in a year: the 档案不齐全 finding (种子法第三十六条; penalty
第七十九条第（四）项; the inspection catalogue's item V4-1). Pure: the facts are gathered by
``findings``.

The items follow 《林木种子生产经营档案管理办法》第六条: production records of a lot produced
here, the stock register, sales with buyer and date, the papers proving source and
destination (contracts, invoices), and the quality and quarantine certificates.
"""

from __future__ import annotations

from dataclasses import dataclass

VIOLATION_CODE = "V4-1"  # fixtures/inspections/violations.csv: 未按规定建立、保存种苗生产经营档案
FINDING = "档案不齐全"


@dataclass(frozen=True)
class LotYear:
    """What the archive holds for one lot in one year."""

    lot_id: int
    lot_number: str
    year: int
    produced_here: bool  # 自产: production records are expected
    production_records: int
    stock_in_records: int
    stock_out_quantity: int
    sale_quantity: int
    sales: int
    sales_without_papers: int  # sales with no contract or invoice attached
    source_papers: int  # contracts or invoices for a bought-in lot
    has_quality_certificate: bool
    has_quarantine_certificate: bool


@dataclass(frozen=True)
class Gap:
    code: str
    text: str


def gaps(facts: LotYear) -> list[Gap]:
    """Each missing item of the lot's archive for the year, in the order of 第六条."""
    out: list[Gap] = []
    if facts.produced_here and facts.production_records == 0:
        out.append(Gap("production", "缺少生产记录（整地、播种或扦插、移植、施肥、病虫害防治等）"))
    if not facts.produced_here and facts.stock_in_records == 0:
        out.append(Gap("stock_in", "缺少购进入库记录"))
    if not facts.produced_here and facts.source_papers == 0:
        out.append(Gap("source_papers", "缺少证明种苗来源的合同或发票"))
    if facts.stock_out_quantity > facts.sale_quantity:
        out.append(Gap("sale", "出库数量多于销售记录数量：缺少销售记录（购买方、去向、日期）"))
    if facts.sales_without_papers:
        out.append(Gap("sale_papers", f"{facts.sales_without_papers} 条销售记录未附合同或发票"))
    if not facts.has_quality_certificate:
        out.append(Gap("quality", "缺少质量检验合格证"))
    if not facts.has_quarantine_certificate:
        out.append(Gap("quarantine", "缺少检疫证书（产地检疫合格证或植物检疫证书）"))
    return out


def complete(facts: LotYear) -> bool:
    return not gaps(facts)
