"""Nothing asked twice (兴署发〔2021〕5号 Art. 10(四), Art. 20): the catalogue says which records
the system holds can stand for a material (``held_by``), which materials are forms to fill in
(``table_form``, Art. 10(二)) and which matters the unified social credit code alone settles
(``code_alone``); a material confirmed from such a record (``source`` "held") names the record
instead of holding bytes. Existing rows keep the defaults: uploads, no record, no flag."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import Boolean, Varchar
from piccolo.columns.indexes import IndexMethod

ID = "2026-12-07T17:10:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "materials the system already holds; table-type materials by a flag"


def _params(**extra):
    return {
        "null": False,
        "primary_key": False,
        "unique": False,
        "index": False,
        "index_method": IndexMethod.btree,
        "choices": None,
        "db_column_name": None,
        "secret": False,
        **extra,
    }


COLUMNS = (
    ("Matter", "matter", "code_alone", Boolean, _params(default=False)),
    ("MatterMaterial", "matter_material", "held_by", Varchar, _params(length=120, default="")),
    ("MatterMaterial", "matter_material", "table_form", Boolean, _params(default=False)),
    (
        "ApplicationMaterial",
        "matter_application_material",
        "source",
        Varchar,
        _params(length=8, default="upload"),
    ),
    (
        "ApplicationMaterial",
        "matter_application_material",
        "held_kind",
        Varchar,
        _params(length=24, default=""),
    ),
    (
        "ApplicationMaterial",
        "matter_application_material",
        "held_ref",
        Varchar,
        _params(length=64, default=""),
    ),
    (
        "ApplicationMaterial",
        "matter_application_material",
        "held_link",
        Varchar,
        _params(length=200, default=""),
    ),
)


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="matters", description=DESCRIPTION)
    for class_name, tablename, name, cls, params in COLUMNS:
        manager.add_column(
            table_class_name=class_name,
            tablename=tablename,
            column_name=name,
            db_column_name=name,
            column_class_name=cls.__name__,
            column_class=cls,
            params=params,
            schema=None,
        )
    return manager
