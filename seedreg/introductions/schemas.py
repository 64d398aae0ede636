"""Pydantic models of introductions: the routing answer."""

from __future__ import annotations

from pydantic import BaseModel

from seedreg.introductions.routing_rules import LeagueStep, RouteKind


class RouteOut(BaseModel):
    kind: RouteKind
    kind_label: str
    origin_name: str
    needs_application: bool
    refused: bool
    decided_by: str
    league_step: LeagueStep | None
    league_step_label: str
    forwarded_to: str
    explanation: str
    basis: str
