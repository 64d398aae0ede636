"""Render every PDF document with demo data into build/pdf/ (``make pdf-samples``).

Look at the results before accepting a WeasyPrint upgrade or a template change:
WeasyPrint's output changes between releases.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from types import SimpleNamespace

from seedreg.core.pdf import render_pdf
from seedreg.organisations import documents as organisation_documents
from seedreg.settings import PROJECT_ROOT

OUTPUT_DIR = PROJECT_ROOT / "build" / "pdf"
DEMO_BASE_URL = "https://zhongmiao.xam.gov.cn"
DEMO_PRINTED_ON = date(2026, 11, 27)


def demo_organisation() -> SimpleNamespace:
    """A made-up operator with the attributes of ``OrganisationOut``."""
    return SimpleNamespace(
        public_id="ORG-2026-000123",
        kind_label="企业法人",
        name="兴安盟沨河林木种苗繁育有限公司",
        uscc="91152201MA0N1X2Y39",
        id_number=None,
        legal_representative="包金花",
        division_name="乌兰浩特市",
        address="内蒙古自治区兴安盟乌兰浩特市沨河路1号",
        contact_person="王海东",
        phone="0482-8261234",
        created_at=datetime(2026, 3, 14, 2, 30, tzinfo=UTC),
        updated_at=datetime(2026, 11, 26, 16, 30, tzinfo=UTC),  # 11月27日 in China
    )


def samples() -> dict[str, tuple[str, dict[str, object]]]:
    """Output file name -> (template, context), one entry per document type."""
    return {
        "organisation_record.pdf": (
            organisation_documents.RECORD_TEMPLATE,
            organisation_documents.record_context(
                demo_organisation(), base_url=DEMO_BASE_URL, printed_on=DEMO_PRINTED_ON
            ),
        ),
    }


def main() -> None:
    OUTPUT_DIR.mkdir(parents=True, exist_ok=True)
    for filename, (template, context) in samples().items():
        target = OUTPUT_DIR / filename
        target.write_bytes(render_pdf(template, context))
        print(f"{target.relative_to(PROJECT_ROOT)}  {target.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
