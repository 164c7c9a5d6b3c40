"""Polite HTTP fetching: timeouts, per-host rate limit, Retry-After, robots.txt, a User-Agent naming dyad."""

from __future__ import annotations

import email.utils
import logging
import time
import urllib.robotparser
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urlsplit

import httpx

from dyad._version import __version__
from dyad.errors import FetchError

log = logging.getLogger(__name__)

USER_AGENT = f"dyad/{__version__} (news research; +https://github.com/dyad-project/dyad)"
_ACCEPT = "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9"
_RETRY_STATUSES = {429, 502, 503, 504}


@dataclass(frozen=True, slots=True)
class FetchPolicy:
    """How politely to fetch: seconds between requests to one host, timeouts, retries."""

    min_interval: float = 1.0
    timeout: float = 20.0
    retries: int = 2
    max_retry_after: float = 120.0  # a longer Retry-After gives up on the URL rather than stall the run
    max_bytes: int = 20_000_000
    respect_robots: bool = True


@dataclass(frozen=True, slots=True)
class Page:
    url: str  # final URL after redirects
    content: bytes
    content_type: str


class Fetcher:
    """One HTTP client for a run; remembers when each host was last asked and what its robots.txt says."""

    def __init__(
        self, policy: FetchPolicy | None = None, *, transport: httpx.BaseTransport | None = None
    ) -> None:
        self.policy = policy or FetchPolicy()
        self._client = httpx.Client(
            headers={
                "User-Agent": USER_AGENT,
                "Accept": _ACCEPT,
            },
            timeout=self.policy.timeout,
            follow_redirects=True,
            transport=transport,
        )
        self._last_request: dict[str, float] = {}
        self._robots: dict[str, urllib.robotparser.RobotFileParser | None] = {}

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def get(self, url: str) -> Page:
        """Fetch ``url``, waiting as the host asks; raises :class:`FetchError` naming the URL on failure."""
        if self.policy.respect_robots and not self._allowed(url):
            raise FetchError("disallowed by the site's robots.txt", where=url)
        attempt = 0
        while True:
            response, content = self._request(url)
            if response.status_code in _RETRY_STATUSES and attempt < self.policy.retries:
                attempt += 1
                wait = retry_after_seconds(response.headers.get("Retry-After"))
                if wait is None:
                    wait = self.policy.min_interval * 2**attempt
                if wait > self.policy.max_retry_after:
                    raise FetchError(
                        f"HTTP {response.status_code}; server asks to wait {wait:.0f}s, over the "
                        f"{self.policy.max_retry_after:.0f}s limit",
                        where=url,
                    )
                log.info("%s: HTTP %s, retrying in %.1fs", url, response.status_code, wait)
                self._last_request[_host(url)] = time.monotonic() + wait - self.policy.min_interval
                continue
            if response.status_code >= 400:
                raise FetchError(f"HTTP {response.status_code} {response.reason_phrase}", where=url)
            return Page(str(response.url), content, response.headers.get("Content-Type", ""))

    def _request(self, url: str) -> tuple[httpx.Response, bytes]:
        """The (closed) response, for its status and headers, and its body read up to the size limit."""
        self._wait_for_host(_host(url))
        try:
            with self._client.stream("GET", url) as response:
                chunks: list[bytes] = []
                size = 0
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if size > self.policy.max_bytes:
                        raise FetchError(f"response over {self.policy.max_bytes:,} bytes", where=url)
                    chunks.append(chunk)
                return response, b"".join(chunks)
        except httpx.TimeoutException as exc:
            raise FetchError(
                f"timed out after {self.policy.timeout:g}s ({type(exc).__name__})", where=url
            ) from exc
        except httpx.HTTPError as exc:
            raise FetchError(f"cannot fetch: {exc}", where=url) from exc
        finally:
            self._last_request[_host(url)] = time.monotonic()

    def _wait_for_host(self, host: str) -> None:
        last = self._last_request.get(host)
        if last is not None:
            delay = last + self.policy.min_interval - time.monotonic()
            if delay > 0:
                time.sleep(delay)

    def _allowed(self, url: str) -> bool:
        parts = urlsplit(url)
        root = f"{parts.scheme}://{parts.netloc}"
        if root not in self._robots:
            self._robots[root] = self._load_robots(root)
        parser = self._robots[root]
        return parser is None or parser.can_fetch(USER_AGENT, url)

    def _load_robots(self, root: str) -> urllib.robotparser.RobotFileParser | None:
        """The host's robots.txt rules; None (everything allowed) when it has none or cannot be read."""
        try:
            response, content = self._request(f"{root}/robots.txt")
        except FetchError as exc:
            log.info("no robots.txt for %s (%s)", root, exc.message)
            return None
        if response.status_code >= 400:
            return None
        parser = urllib.robotparser.RobotFileParser()
        parser.parse(content.decode("utf-8", errors="replace").splitlines())
        return parser


def retry_after_seconds(value: str | None) -> float | None:
    """Seconds to wait from a Retry-After header (seconds or an HTTP date); None if absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def _host(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()
