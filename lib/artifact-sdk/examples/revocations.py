"""Follows an App Gateway's revocation feed (GET /v1/app-gateway/revocations?after=<cursor>) for verify.py.

A token is revoked by an entry when every claim the entry names (sid, sub, org_id, aud) equals the
token's and the token's iat is at or before the entry's at.
"""
import json
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from datetime import datetime

REVOCATION_CLAIMS = ("sid", "sub", "org_id", "aud")
MAX_TOKEN_LIFETIME = 3600  # entries older than this (+ leeway) can only revoke expired tokens
LEEWAY = 60
FETCH_TIMEOUT = 5


class Revocations:
    """Follows the gateway's revocation feed in a daemon thread. refusal() never touches the network,
    except that the very first call waits for the first read. While the feed cannot be read it goes on
    with the entries it has for max_staleness seconds, then refuses every token (revocations_unavailable).
    Thread-safe; close() stops the thread."""

    def __init__(self, issuer, endpoint=None, poll_seconds=10, max_staleness=60):
        if endpoint is not None and not endpoint.startswith(("https://", "http://")):
            raise ValueError("the revocation endpoint must be http(s)")
        self.issuer, self.endpoint = issuer, endpoint
        self.poll_seconds, self.max_staleness = poll_seconds, max_staleness
        self.last_error = None
        self._lock = threading.Lock()
        self._index = {}  # claim names, e.g. ("sub", "org_id") -> {their values: latest at}
        self._cursor = None
        self._synced = None  # when the feed was last read to its end (time.time())
        self._first_read = threading.Event()
        self._closed = threading.Event()
        threading.Thread(target=self._run, daemon=True).start()

    def refusal(self, claims):
        """None when the verified claims may be trusted; else token_revoked or revocations_unavailable."""
        self._first_read.wait(timeout=3 * FETCH_TIMEOUT)
        with self._lock:
            revoked = any(
                index.get(tuple(claims.get(name) for name in names), -1) >= claims["iat"]
                for names, index in self._index.items()
                if all(claims.get(name) is not None for name in names)
            )
            synced = self._synced
        if revoked:
            return "token_revoked"
        if synced is None or time.time() - synced > self.max_staleness:
            return "revocations_unavailable"
        return None

    def close(self):
        self._closed.set()

    def _run(self):
        while not self._closed.is_set():
            self._poll()
            self._first_read.set()
            self._closed.wait(self.poll_seconds)

    def _poll(self):
        try:
            if self.endpoint is None:
                self.endpoint = get_json(self.issuer.rstrip("/") + "/.well-known/app-gateway")["revocation_endpoint"]
                if not isinstance(self.endpoint, str) or not self.endpoint.startswith(("https://", "http://")):
                    self.endpoint = None
                    raise ValueError("no revocation_endpoint")
            for _ in range(100):  # pages read back to back; the rest waits for the next poll
                began = time.time()
                query = "" if self._cursor is None else ("&" if "?" in self.endpoint else "?") + urllib.parse.urlencode({"after": self._cursor})
                try:
                    page = get_json(self.endpoint + query)
                except urllib.error.HTTPError as error:
                    if error.code != 400 or self._cursor is None:
                        raise
                    self._cursor = None  # the gateway no longer knows the cursor (e.g. a restore): read it all again
                    continue
                entries, cursor = page["revocations"], page["cursor"]
                if not isinstance(entries, list) or not isinstance(cursor, str):
                    raise ValueError("not a feed page")
                with self._lock:
                    for entry in entries:
                        self._add(entry)
                moved, self._cursor = cursor != self._cursor, cursor
                if not entries or not moved:
                    self._synced, self.last_error = began, None
                    break
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
            self.last_error = type(error).__name__
        with self._lock:
            oldest = time.time() - MAX_TOKEN_LIFETIME - LEEWAY
            for index in self._index.values():
                for values in [v for v, at in index.items() if at < oldest]:
                    del index[values]

    def _add(self, entry):
        """Skips an entry that names no known claim, a claim that is not a non-empty string, or no readable at."""
        if not isinstance(entry, dict) or not isinstance(entry.get("at"), str):
            return
        try:
            at = int(datetime.fromisoformat(entry["at"].replace("Z", "+00:00")).timestamp())
        except ValueError:
            return
        names = tuple(name for name in REVOCATION_CLAIMS if name in entry)
        values = tuple(entry[name] for name in names)
        if not names or not all(isinstance(v, str) and v for v in values):
            return
        index = self._index.setdefault(names, {})
        index[values] = max(at, index.get(values, at))


def get_json(url):
    with urllib.request.urlopen(url, timeout=FETCH_TIMEOUT) as response:
        return json.loads(response.read(16 << 20))
