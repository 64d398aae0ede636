"""Command line for administrators: ``python -m seedreg <command>`` (also ``seedreg``)."""

from __future__ import annotations

import argparse
import asyncio
import getpass
import os
import sys
from collections.abc import Callable, Coroutine
from typing import Any

import seedreg  # noqa: F401  (sets PICCOLO_CONF)


def _run(coro: Coroutine[Any, Any, int]) -> int:
    return asyncio.run(coro)


def cmd_migrate(_: argparse.Namespace) -> int:
    from seedreg.ops import migrate

    return _run(migrate())


def cmd_load_reference(_: argparse.Namespace) -> int:
    from seedreg.inspections.catalogue import load as load_violations
    from seedreg.matters.catalogue import load as load_matters
    from seedreg.quality.grading_public import load_public_rows
    from seedreg.reference.services import load_reference

    async def load() -> dict[str, int]:
        counts = {**await load_reference(), "violations": await load_violations()}
        counts |= await load_matters()
        return {**counts, "grading_rows": await load_public_rows()}

    counts = asyncio.run(load())
    print("基础数据已加载：" + "，".join(f"{k} 变更 {v} 条" for k, v in counts.items()))
    return 0


def cmd_load_demo(_: argparse.Namespace) -> int:
    from seedreg.core.errors import DomainError
    from seedreg.demo import DEMO_PASSWORD, load_demo
    from seedreg.demo_chain import load_chain
    from seedreg.demo_filings import load_filings
    from seedreg.demo_inspections import load_inspections
    from seedreg.demo_introductions import load_introductions
    from seedreg.demo_requests import load_requests
    from seedreg.demo_varieties import load_varieties

    accounts = asyncio.run(load_demo())
    print(f"\n演示账号（密码均为 {DEMO_PASSWORD}，仅供演示）：")
    for a in accounts:
        print(f"  {a.username:<20} {a.role.label:<8} {a.where}")
    try:
        chain = asyncio.run(load_chain())
    except DomainError as exc:  # e.g. the reference data (species list) not loaded yet
        print(f"\n两证一签演示数据未能加载：{exc.message}")
        return 2
    print("\n" + "\n".join([*chain, *asyncio.run(load_varieties())]))
    from seedreg.demo_archive import load_archive

    print("\n" + "\n".join(asyncio.run(load_archive())))
    try:
        print("\n".join(asyncio.run(load_introductions())))
    except DomainError as exc:
        print(f"\n引种演示数据未能加载：{exc.message}")
    try:
        print("\n" + "\n".join(asyncio.run(load_requests())))
    except DomainError as exc:
        print(f"\n检验检疫申请演示数据未能加载：{exc.message}")
        return 2
    print("\n" + "\n".join(asyncio.run(load_filings())))
    try:
        print("\n" + "\n".join(asyncio.run(load_inspections())))
    except DomainError as exc:
        print(f"\n执法检查演示数据未能加载：{exc.message}")
        return 2
    from seedreg.demo_cases import load_cases

    print("\n".join(["行政处罚案件演示数据：", *asyncio.run(load_cases())]))
    return 0


def cmd_create_user(args: argparse.Namespace) -> int:
    from seedreg.ops import create_user

    password = os.environ.get("SEEDREG_NEW_PASSWORD") or getpass.getpass("新密码：")
    return _run(create_user(args, password))


def cmd_audit_verify(_: argparse.Namespace) -> int:
    from seedreg.ops import audit_verify

    return _run(audit_verify())


def cmd_backup(args: argparse.Namespace) -> int:
    from seedreg.ops import backup

    return backup(args.output)


def cmd_restore(args: argparse.Namespace) -> int:
    from seedreg.ops import restore

    return restore(args.file, confirm=args.yes)


def cmd_daily(args: argparse.Namespace) -> int:
    from datetime import date

    import seedreg.app  # noqa: F401  (every package registers its part of the daily duties)
    from seedreg.core import clock
    from seedreg.licensing.jobs import run_daily

    on = date.fromisoformat(args.on) if args.on else clock.today()
    result = asyncio.run(run_daily(on))
    print(
        f"{on}：视为受理 {len(result['deemed_accepted'])} 件，视为准予延续 "
        f"{len(result['deemed_renewed'])} 件，到期提醒 {result['reminders']} 条"
    )
    return 0


def cmd_send_mail(args: argparse.Namespace) -> int:
    from seedreg.notifications.services import drain_outbox

    sent, failed = asyncio.run(drain_outbox(args.host, args.port, args.sender))
    print(f"已发送 {sent} 封，失败 {failed} 封")
    return 0 if failed == 0 else 1


def cmd_send_sms(args: argparse.Namespace) -> int:
    from seedreg.core import db
    from seedreg.notifications import gateways, sms
    from seedreg.settings import get_settings

    settings = get_settings()
    gateway = gateways.from_settings(settings)

    async def send() -> tuple[int, int]:
        await db.start_pool(2)
        try:
            return await sms.drain_sms(gateway)
        finally:
            await db.close_pool()

    sent, failed = asyncio.run(send())
    print(f"短信通道：{gateway.label}；已发送 {sent} 条，失败 {failed} 条（暂时失败的稍后重试）")
    return 0 if failed == 0 else 1


def cmd_keygen(_: argparse.Namespace) -> int:
    from seedreg.labels.keys import ensure_key
    from seedreg.settings import get_settings

    path = get_settings().label_key_path
    created, fingerprint = ensure_key(path)
    state = "已生成" if created else "已存在，保持不变"
    print(f"标签签名私钥{state}：{path}（公钥指纹 {fingerprint}）")
    return 0


def cmd_verify_label(args: argparse.Namespace) -> int:
    from seedreg.labels import keys, verify_cli

    try:
        public_key = keys.public_key()
    except keys.SigningKeyMissing as exc:
        print(exc.message, file=sys.stderr)
        return 2
    return verify_cli.report(args.qr_text, public_key)


def cmd_print_worker(args: argparse.Namespace) -> int:
    from seedreg.core import db
    from seedreg.printing import pool, worker
    from seedreg.settings import get_settings

    async def work() -> None:
        await db.start_pool(get_settings().pool_size)
        try:
            if args.once:
                outcome = await worker.run_once()
                print(f"打印任务：{outcome or '队列为空'}")
            else:
                await worker.run_forever()
        finally:
            await db.close_pool()
            pool.shutdown_pool()

    asyncio.run(work())
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from seedreg.settings import get_settings

    settings = get_settings()
    if args.workers > 1 and settings.is_sqlite:
        print("提示：多进程请使用 PostgreSQL（SEEDREG_DATABASE_URL）；SQLite 仅用单进程。")
    uvicorn.run(
        "seedreg.app:create_app",
        factory=True,
        host=args.host or settings.host,
        port=args.port or settings.port,
        workers=args.workers,
        log_level="info",
        access_log=settings.access_log,
        proxy_headers=True,
    )
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="seedreg", description="兴安盟林木种苗监管系统 管理命令")
    sub = parser.add_subparsers(dest="command", required=True)
    commands: dict[str, tuple[Callable[[argparse.Namespace], int], str]] = {
        "migrate": (cmd_migrate, "应用数据库迁移（SQLite 或 PostgreSQL）"),
        "load-reference": (cmd_load_reference, "加载行政区划、推荐树种、违法行为目录（幂等）"),
        "load-demo": (cmd_load_demo, "加载演示数据并列出演示账号（幂等）"),
        "create-user": (cmd_create_user, "创建账号；密码取自 SEEDREG_NEW_PASSWORD 或提示输入"),
        "audit-verify": (cmd_audit_verify, "校验审计链，报告第一处断裂"),
        "backup": (cmd_backup, "备份数据库（SQLite 在线备份 / pg_dump）"),
        "restore": (cmd_restore, "从备份恢复数据库（须停止服务）"),
        "daily": (cmd_daily, "每日任务：视为受理、视为准予延续、到期提醒（幂等）"),
        "send-mail": (cmd_send_mail, "把待发邮件经 SMTP 服务器发出"),
        "send-sms": (cmd_send_sms, "把待发短信经短信网关发出（网站内置的发送进程也会发送）"),
        "keygen": (cmd_keygen, "生成标签签名私钥（已有则保持不变）"),
        "verify-label": (cmd_verify_label, "用本系统的公钥核验标签二维码内容"),
        "print-worker": (cmd_print_worker, "标签打印任务的后台进程（与网站内置的可同时运行）"),
        "serve": (cmd_serve, "启动网站"),
    }
    parsers = {}
    for name, (func, help_text) in commands.items():
        parsers[name] = sub.add_parser(name, help=help_text, description=help_text)
        parsers[name].set_defaults(func=func)
    cu = parsers["create-user"]
    cu.add_argument("username")
    cu.add_argument("--name", required=True, help="姓名")
    cu.add_argument(
        "--role",
        required=True,
        help="operator, licensing_officer, seed_station, "
        "quarantine_officer, inspector, league_admin",
    )
    cu.add_argument("--jurisdiction", help="管辖区域代码（工作人员），如 152200")
    cu.add_argument("--organisation-id", type=int, help="所属生产经营者编号（经营者账号）")
    cu.add_argument("--enforcement-id", default="", help="执法证号（执法人员）")
    cu.add_argument("--real-name", default="", help="真实姓名（工作人员；签发证书时打印）")
    cu.add_argument("--qualification-number", default="", help="森林植物检疫员证号（检疫员）")
    parsers["backup"].add_argument(
        "--output", help="备份文件路径（默认 var/backups/ 下按时间命名）"
    )
    parsers["restore"].add_argument("file")
    parsers["restore"].add_argument("--yes", action="store_true", help="确认覆盖当前数据库")
    parsers["daily"].add_argument("--on", help="按哪一天执行（YYYY-MM-DD，默认今天）")
    sm = parsers["send-mail"]
    sm.add_argument("--host", default="127.0.0.1")
    sm.add_argument("--port", type=int, default=25)
    sm.add_argument("--sender", default="noreply@seedreg.local")
    parsers["verify-label"].add_argument("qr_text", help="扫码得到的完整内容（网址或签名串）")
    parsers["print-worker"].add_argument(
        "--once", action="store_true", help="只处理一个排队的任务后退出"
    )
    sv = parsers["serve"]
    sv.add_argument("--host")
    sv.add_argument("--port", type=int)
    sv.add_argument("--workers", type=int, default=1, help="进程数（多进程须用 PostgreSQL）")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
