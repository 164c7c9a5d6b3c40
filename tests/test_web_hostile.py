"""Hostile API clients: malformed parameters get a 400 (unknown paths a 404) in the one error shape with the
security headers, never a 500; an unexpected error is a 500 in the same shape that leaves the connection
usable; the Host guard reads the header strictly."""

from __future__ import annotations

import http.client
import json
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from fastapi.testclient import TestClient

from dyad.web import views
from dyad.web.app import create_app
from web_store import build_store

SEARCHED = ["/", "/api/network", "/api/map", "/api/coverage", "/api/events", "/api/articles", "/search",
            "/events", "/map", "/network", "/api/export/events", "/country/USA"]  # fmt: skip
BAD_SEARCHES = ["NEAR(", "a AND", "(", "China\x00", "OR", "a ) b", "()", '"open']


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_store(tmp_path_factory.mktemp("hostile") / "store.db")


@pytest.fixture(scope="module")
def client(store: Path) -> TestClient:
    return TestClient(create_app(store), raise_server_exceptions=False)


def assert_shaped(response: Any, status: int) -> dict[str, Any]:
    """The documented error shape (JSON for the API, an HTML page for the dashboard), with the headers."""
    assert response.status_code == status, response.text[:300]
    assert "default-src 'none'" in response.headers["content-security-policy"]
    assert response.headers["x-content-type-options"] == "nosniff"
    if response.headers["content-type"].startswith("text/html"):
        return {}  # the dashboard's error page
    error: dict[str, Any] = response.json()["error"]
    assert set(error) == {"status", "type", "code", "message", "where"} and error["status"] == status
    return error


@pytest.mark.parametrize("path", SEARCHED)
@pytest.mark.parametrize("text", BAD_SEARCHES)
def test_search_syntax_errors_are_400(client: TestClient, path: str, text: str) -> None:
    error = assert_shaped(client.get(path, params={"text": text}), 400)
    if error:
        assert "text" in error["message"]


@pytest.mark.parametrize(
    "path", ["/api/events", "/api/dyads/USA/CHN", "/pair/USA/CHN", "/api/briefs/USA/CHN"]
)
@pytest.mark.parametrize(
    "since", ["2024-13-45", "2024-02-30", "2024-00", "0000", "24-01-01", "2024-1-1", "x\x00"]
)
def test_impossible_dates_are_400(client: TestClient, path: str, since: str) -> None:
    assert_shaped(client.get(path, params={"since": since}), 400)


def test_year_and_month_dates_are_periods(client: TestClient) -> None:
    def total(**params: str) -> int:
        body = client.get("/api/events", params=params)
        assert body.status_code == 200, body.text
        return int(body.json()["total"])

    assert total(since="2024", until="2024") == total() > 0
    assert total(since="2024-05") == total(since="2024-05-01") < total()
    assert total(until="2024-04") == total(until="2024-04-30")
    assert client.get("/api/dyads/USA/CHN", params={"since": "2024-04", "until": "2024"}).status_code == 200
    error = assert_shaped(client.get("/api/events", params={"since": "2024-06", "until": "2024-05"}), 400)
    assert "after" in error["message"]


def test_countries_by_code_alpha2_and_name(client: TestClient) -> None:
    def ids(countries: str) -> list[str]:
        response = client.get("/api/events", params={"countries": countries, "limit": 100})
        assert response.status_code == 200, response.text
        return [e["id"] for e in response.json()["items"]]

    usa = ids("USA")
    assert usa and ids("US") == usa and ids("united states") == usa and ids("usa") == usa
    assert ids("China") == ids("CHN") != []
    for bad in ("ZZZ", ",,,", "USA,,CHN", "Atlantis", "US\x00"):
        error = assert_shaped(client.get("/api/events", params={"countries": bad}), 400)
        assert "countries" in error["message"]
    assert assert_shaped(client.get("/api/events", params={"pair": "USA,ZZZ"}), 400)


@pytest.mark.parametrize("path", ["/api/dyads/ZZZ/QQQ", "/api/dyads/USA/QQQ", "/pair/ZZZ/QQQ", "/country/ZZZ",
                                  "/api/briefs/ZZZ/CHN", "/country/ZZZ?format=json"])  # fmt: skip
def test_unknown_countries_in_paths_are_404(client: TestClient, path: str) -> None:
    assert_shaped(client.get(path), 404)


def test_known_paths_by_name_resolve(client: TestClient) -> None:
    assert client.get("/api/dyads/United States/China").json()["pair"] == ["USA", "CHN"]
    assert client.get("/country/us", params={"format": "json"}).json()["country"] == "USA"


@pytest.mark.parametrize(
    "params",
    [{"actor": "x\x00"}, {"source": "a" * 5000}, {"quad_class": "nine"}, {"min_confidence": "nan"},
     {"limit": "0"}, {"limit": "-1"}, {"limit": "x"}, {"next": "%%%"}, {"next": "x\x00"},
     {"cameo_root": "99"}, {"issue": "\x01"}, {"format": "xml"}, {"directed": "true"}],
)  # fmt: skip
def test_other_bad_parameters_are_400(client: TestClient, params: dict[str, str]) -> None:
    assert_shaped(client.get("/api/events", params=params), 400)


def test_unexpected_errors_are_500_in_shape(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(views, "coverage_data", broken)
    error = assert_shaped(client.get("/api/coverage"), 500)
    assert error["code"] == "E900" and "boom" not in error["message"]  # no internals leak
    assert_shaped(client.get("/"), 500)  # the dashboard's error page, same headers


def test_store_errors_are_503_in_shape(store: Path, tmp_path: Path) -> None:
    copy = tmp_path / "gone.db"
    copy.write_bytes(store.read_bytes())
    app_client = TestClient(create_app(copy), raise_server_exceptions=False)
    copy.unlink()
    assert_shaped(app_client.get("/api/events"), 503)


@pytest.mark.parametrize(
    "host",
    ["evil.com", "127.0.0.1:8000@evil.com", "127.0.0.1.evil.com", "127.0.0.1:80:80", "localhost@evil.com",
     "", "127.0.0.1 evil.com"],
)  # fmt: skip
def test_host_header_is_read_strictly(client: TestClient, host: str) -> None:
    assert_shaped(client.get("/api/events", headers={"host": host}), 400)


@pytest.mark.parametrize("host", ["127.0.0.1:8000", "localhost", "[::1]:8000", "LOCALHOST:1"])
def test_loopback_hosts_are_served(client: TestClient, host: str) -> None:
    assert client.get("/health", headers={"host": host}).status_code == 200


@pytest.fixture
def server(store: Path) -> Iterator[int]:
    """A real server on a free loopback port (TestClient has no connections to reset)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    config = uvicorn.Config(create_app(store), host="127.0.0.1", port=port, log_level="critical")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not running.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert running.started
    yield port
    running.should_exit = True
    thread.join(10)


def test_connection_survives_every_error(server: int, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(views, "coverage_data", broken)
    conn = http.client.HTTPConnection("127.0.0.1", server, timeout=10)
    statuses = []
    for path in ["/api/coverage", "/api/network?text=NEAR(", "/api/events?since=2024-02-30", "/country/ZZZ",
                 "/?text=%00", "/api/coverage", "/health"]:  # fmt: skip
        conn.request("GET", path)
        response = conn.getresponse()
        body = response.read()
        statuses.append(response.status)
        assert response.getheader("content-security-policy")
        if response.status >= 400 and path.startswith("/api"):
            assert json.loads(body)["error"]["status"] == response.status
    conn.close()
    assert statuses == [500, 400, 400, 404, 400, 500, 200]
