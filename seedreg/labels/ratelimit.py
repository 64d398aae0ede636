"""An in-process token bucket per client address for the public look-up pages.

Each worker process keeps its own buckets: with N workers a client gets up to N times the rate,
which is still a limit, and nothing on the hot path touches the database.
"""

from __future__ import annotations

import time

from seedreg.core.errors import TooManyAttempts

MAX_CLIENTS = 50_000


class TokenBucket:
    """``rate_per_minute`` tokens a minute per key, at most ``burst`` saved up."""

    def __init__(self, rate_per_minute: int, burst: int) -> None:
        self.rate = rate_per_minute / 60.0
        self.burst = float(burst)
        self.buckets: dict[str, tuple[float, float]] = {}

    def allow(self, key: str, now: float) -> bool:
        """Take one token for ``key`` at ``now`` (seconds); False when none is left."""
        if self.rate <= 0:
            return True
        tokens, last = self.buckets.get(key, (self.burst, now))
        tokens = min(self.burst, tokens + (now - last) * self.rate)
        if tokens < 1.0:
            self.buckets[key] = (tokens, now)
            return False
        if len(self.buckets) >= MAX_CLIENTS and key not in self.buckets:
            self._forget_full(now)
        self.buckets[key] = (tokens - 1.0, now)
        return True

    def _forget_full(self, now: float) -> None:
        # A bucket that has refilled completely is the same as no bucket.
        refill = self.burst / self.rate
        self.buckets = {k: v for k, v in self.buckets.items() if now - v[1] < refill}


_bucket: TokenBucket | None = None


def check(client: str) -> None:
    """Raise TooManyAttempts (429, Chinese) when ``client`` looks labels up too fast."""
    global _bucket
    if _bucket is None:
        from seedreg.settings import get_settings

        settings = get_settings()
        _bucket = TokenBucket(settings.label_verify_rate_per_minute, settings.label_verify_burst)
    if not _bucket.allow(client, time.monotonic()):
        raise TooManyAttempts("查询过于频繁，请稍后再试（每个网络地址每分钟可查询的次数有限）")
