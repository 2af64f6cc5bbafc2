"""Fixtures for the critique tests: a scripted Messages API on 127.0.0.1 and a clean environment."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

import archkit
from archkit.model import Architecture
from tests.critique.server import MessagesServer

FAKE_KEY = "sk-ant-test-ZX9QK7-never-write-me"

MODEL = """\
archkit: 1
name: Orders
description: Customers place orders.
requirements:
  peak_rps: 200
  availability: 99.9
  functional:
    - {id: FR1, text: Place an order, served_by: [orders-api]}
boundaries:
  - {id: public, name: Internet, trust: public}
  - {id: backend, name: Private subnet, trust: internal}
components:
  - {id: web, kind: client, boundary: public}
  - {id: gateway, kind: gateway, auth: jwt, boundary: backend}
  - {id: orders-api, kind: service, replicas: 2, boundary: backend, description: Takes orders}
  - {id: orders-db, kind: database, tech: postgresql, boundary: backend}
  - {id: cache, kind: cache, tech: redis, boundary: backend}
links:
  - {from: web, to: gateway, protocol: https}
  - {from: gateway, to: orders-api, protocol: http}
  - {from: orders-api, to: orders-db, protocol: sql}
  - {from: orders-api, to: cache, protocol: redis}
data_assets:
  - {id: customer-pii, classification: confidential, personal: true, stored_in: [orders-db]}
"""

ENV_CLEARED = (
    "ANTHROPIC_API_KEY",
    "ANTHROPIC_AUTH_TOKEN",
    "ANTHROPIC_BASE_URL",
    "ARCHKIT_LLM_MODEL",
    "ANTHROPIC_PROFILE",
)


@pytest.fixture
def arch() -> Architecture:
    return archkit.loads(MODEL, "orders.yaml")


@pytest.fixture
def model_file(tmp_path: Path) -> Path:
    path = tmp_path / "orders.yaml"
    path.write_text(MODEL, encoding="utf-8")
    return path


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """No key, no model override, and the current folder in tmp_path (so the default cache lands there)."""
    for name in ENV_CLEARED:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("ANTHROPIC_CONFIG_DIR", str(tmp_path / "no-anthropic-config"))
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def server(clean_env: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[MessagesServer]:
    """A running scripted server; the environment points the SDK at it with a fake key."""
    srv = MessagesServer().start()
    monkeypatch.setenv("ANTHROPIC_BASE_URL", srv.url)
    monkeypatch.setenv("ANTHROPIC_API_KEY", FAKE_KEY)
    try:
        yield srv
    finally:
        srv.stop()
