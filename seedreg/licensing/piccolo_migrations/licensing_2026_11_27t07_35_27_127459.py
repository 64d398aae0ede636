"""Forwarded applications: the review file sent to the region, its 核发 clock."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from enum import Enum
from piccolo.columns.column_types import Boolean
from piccolo.columns.column_types import Date
from piccolo.columns.column_types import Text
from piccolo.columns.column_types import Varchar
from piccolo.columns.indexes import IndexMethod

ID = "2026-11-27T07:35:27:127459"
VERSION = "1.38.0"
DESCRIPTION = "two-stage review (审核) and issue (核发)"


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="licensing", description=DESCRIPTION)

    manager.add_column(
        table_class_name="LicenceApplication",
        tablename="licence_application",
        column_name="forwarded_on",
        db_column_name="forwarded_on",
        column_class_name="Date",
        column_class=Date,
        params={
            "default": None,
            "null": True,
            "primary_key": False,
            "unique": False,
            "index": False,
            "index_method": IndexMethod.btree,
            "choices": None,
            "db_column_name": None,
            "secret": False,
        },
        schema=None,
    )

    manager.add_column(
        table_class_name="LicenceApplication",
        tablename="licence_application",
        column_name="issuing_due",
        db_column_name="issuing_due",
        column_class_name="Date",
        column_class=Date,
        params={
            "default": None,
            "null": True,
            "primary_key": False,
            "unique": False,
            "index": False,
            "index_method": IndexMethod.btree,
            "choices": None,
            "db_column_name": None,
            "secret": False,
        },
        schema=None,
    )

    manager.add_column(
        table_class_name="LicenceApplication",
        tablename="licence_application",
        column_name="issuing_extended",
        db_column_name="issuing_extended",
        column_class_name="Boolean",
        column_class=Boolean,
        params={
            "default": False,
            "null": False,
            "primary_key": False,
            "unique": False,
            "index": False,
            "index_method": IndexMethod.btree,
            "choices": None,
            "db_column_name": None,
            "secret": False,
        },
        schema=None,
    )

    manager.add_column(
        table_class_name="LicenceApplication",
        tablename="licence_application",
        column_name="review_opinion",
        db_column_name="review_opinion",
        column_class_name="Text",
        column_class=Text,
        params={
            "default": "",
            "null": False,
            "primary_key": False,
            "unique": False,
            "index": False,
            "index_method": IndexMethod.btree,
            "choices": None,
            "db_column_name": None,
            "secret": False,
        },
        schema=None,
    )

    manager.alter_column(
        table_class_name="LicenceApplication",
        tablename="licence_application",
        column_name="status",
        db_column_name="status",
        params={
            "choices": Enum(
                "Status",
                {
                    "DRAFT": "draft",
                    "SUBMITTED": "submitted",
                    "SUPPLEMENT_REQUESTED": "supplement_requested",
                    "ACCEPTED": "accepted",
                    "FORWARDED": "forwarded",
                    "GRANTED": "granted",
                    "REFUSED": "refused",
                    "REJECTED_INTAKE": "rejected_intake",
                    "WITHDRAWN": "withdrawn",
                },
            )
        },
        old_params={
            "choices": Enum(
                "Status",
                {
                    "DRAFT": "draft",
                    "SUBMITTED": "submitted",
                    "SUPPLEMENT_REQUESTED": "supplement_requested",
                    "ACCEPTED": "accepted",
                    "GRANTED": "granted",
                    "REFUSED": "refused",
                    "REJECTED_INTAKE": "rejected_intake",
                    "WITHDRAWN": "withdrawn",
                },
            )
        },
        column_class=Varchar,
        old_column_class=Varchar,
        schema=None,
    )

    return manager
