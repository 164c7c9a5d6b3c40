"""Webhook delivery: a watchlist's alerts POSTed as one JSON document, retried with backoff.

The body is ``{"watchlist": NAME, "alerts": [Alert.to_dict(), ...], "dyad_version": ...}``. A 2xx answer
delivers every alert in it. Connection errors, timeouts, 429 and 5xx answers are retried (``attempts`` in
all, waiting ``backoff``, then twice that, ...); any other answer is final. Undelivered alerts stay
marked as such in the store and go out with the next run.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Sequence

import httpx

from dyad._version import __version__
from dyad.errors import DeliveryError
from dyad.model import Alert

RETRY_STATUS = frozenset({408, 425, 429, 500, 502, 503, 504})


def post_alerts(
    url: str,
    watchlist: str,
    alerts: Sequence[Alert],
    *,
    attempts: int = 4,
    timeout: float = 10.0,
    backoff: float = 1.0,
    sleep: Callable[[float], None] = time.sleep,
) -> int:
    """POST ``alerts`` to ``url``; returns the number of attempts it took. Raises :class:`DeliveryError`
    naming the URL and the last failure when no attempt succeeds."""
    body = json.dumps(
        {"watchlist": watchlist, "alerts": [a.to_dict() for a in alerts], "dyad_version": __version__},
        ensure_ascii=False,
    ).encode("utf-8")
    headers = {"Content-Type": "application/json", "User-Agent": f"dyad/{__version__} (watchlist alerts)"}
    problem = ""
    with httpx.Client(timeout=timeout, follow_redirects=False) as client:
        for attempt in range(1, attempts + 1):
            try:
                response = client.post(url, content=body, headers=headers)
            except httpx.HTTPError as exc:
                problem = f"{type(exc).__name__}: {exc}"
            else:
                if response.is_success:
                    return attempt
                problem = f"HTTP {response.status_code}"
                if response.status_code not in RETRY_STATUS:
                    break
            if attempt < attempts:
                sleep(backoff * 2 ** (attempt - 1))
    raise DeliveryError(
        f"webhook did not take {len(alerts)} alert(s) of {watchlist!r} ({problem}); kept for the next run",
        where=url,
    )
