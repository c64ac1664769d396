#!/usr/bin/env python3
"""Verifies an App Gateway app session token, or an access token (SPEC §17), with PyJWT (>= 2.6) and cryptography.

    python3 verify.py --issuer http://localhost:3000 --audience run_acme_dashboard   # token in $TOKEN
    python3 verify.py --issuer http://localhost:3000 --audience platform-api --access --scope runs:read

Options fall back to the environment: --jwks-url $JWKS_URL (default <issuer>/.well-known/jwks.json),
--issuer $ISSUER, --audience $AUDIENCE, --token $TOKEN; --revocations ($REVOCATIONS=1) also checks the
gateway's revocation feed (found through <issuer>/.well-known/app-gateway, or --revocation-url
$REVOCATION_URL); --access ($ACCESS=1) verifies an access token for the resource --audience, which must
carry every scope of --scope $SCOPE (space-separated). Prints the verified claims as JSON and exits 0, or prints an error code
(token_expired, wrong_audience, insufficient_scope, token_revoked, ...) and exits 1; 2 for bad usage.
"""
import argparse
import json
import os
import re
import sys
import threading
import time
import urllib.request

import urllib.parse
from datetime import datetime

import jwt
from jwt.algorithms import ECAlgorithm

from access_token import ACCESS_REQUIRED, ACCESS_TOKEN_TYPE, access_shape, missing_scopes
from revocations import Revocations
from token_error import TokenError

TOKEN_TYPE = "app-session+jwt"
LEEWAY = 60  # seconds of clock skew allowed; never more
MAX_TOKEN_LENGTH = 8 * 1024
JWKS_MAX_AGE = 600
REFETCH_AFTER = 30  # at most one refetch per 30 s for an unknown kid (key rotation)
FORBIDDEN_HEADERS = {"jku", "jwk", "x5u", "x5c", "crit"}  # key material the token must not name
REQUIRED = ["iss", "sub", "exp", "iat", "nbf", "jti", "org_id", "workflow_id"]
COMPACT_JWS = re.compile(r"^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$")

# PyJWT's exceptions -> the SDK's error codes (most specific first).
PYJWT_CODES = [
    (jwt.ExpiredSignatureError, "token_expired"),
    (jwt.ImmatureSignatureError, "token_not_yet_valid"),
    (jwt.InvalidAudienceError, "wrong_audience"),
    (jwt.InvalidIssuerError, "wrong_issuer"),
    (jwt.MissingRequiredClaimError, "missing_claim"),
    (jwt.InvalidSignatureError, "bad_signature"),
    (jwt.InvalidAlgorithmError, "wrong_algorithm"),
]


class Verifier:
    """Pinned to one gateway: its issuer and its JWKS URL. Thread-safe."""

    def __init__(self, issuer, jwks_url=None, revocations=None):
        """revocations: a Revocations follower, or None to skip the revocation check."""
        self.issuer = issuer
        self.jwks_url = jwks_url or issuer.rstrip("/") + "/.well-known/jwks.json"
        if not self.jwks_url.startswith(("https://", "http://")):
            raise ValueError("jwks_url must be http(s)")
        self.revocations = revocations
        self._lock = threading.Lock()
        self._keys = None
        self._fetched = 0.0

    def verify(self, token, audience):
        """The claims of an app session token for this app (audience)."""
        claims = self._decode(token, audience, TOKEN_TYPE, REQUIRED)
        verified = shape(claims, self.issuer, audience)
        self._refuse_if_revoked(verified)
        return verified

    def verify_access(self, token, resource, scopes=()):
        """The claims of an access token (SPEC §17) for this resource that carries every scope in scopes."""
        claims = self._decode(token, resource, ACCESS_TOKEN_TYPE, ACCESS_REQUIRED)
        verified = access_shape(claims, self.issuer, resource)
        # A feed entry names the resource (aud) or the app that obtained the token (its client_id).
        self._refuse_if_revoked(verified)
        self._refuse_if_revoked({**verified, "aud": verified["client_id"]})
        if missing_scopes(verified, scopes):
            raise TokenError("insufficient_scope")
        return verified

    def _decode(self, token, audience, token_type, required):
        if not token:
            raise TokenError("token_missing")
        if len(token) > MAX_TOKEN_LENGTH or not COMPACT_JWS.match(token):
            raise TokenError("token_malformed")
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError:
            raise TokenError("token_malformed") from None
        if FORBIDDEN_HEADERS & header.keys():
            raise TokenError("forbidden_header")
        if header.get("alg") != "ES256":
            raise TokenError("wrong_algorithm")
        kid = header.get("kid")
        if not isinstance(kid, str) or not kid:
            raise TokenError("unknown_key")
        typ = header.get("typ")
        if not isinstance(typ, str) or typ.lower().removeprefix("application/") != token_type:
            raise TokenError("wrong_type")

        try:
            return jwt.decode(
                token,
                self._key(kid),
                algorithms=["ES256"],  # pinned: never taken from the token
                issuer=self.issuer,
                audience=audience,
                leeway=LEEWAY,
                options={"require": required},
            )
        except jwt.PyJWTError as error:
            raise TokenError(next((code for kind, code in PYJWT_CODES if isinstance(error, kind)), "token_malformed")) from None

    def _refuse_if_revoked(self, claims):
        refusal = self.revocations.refusal(claims) if self.revocations is not None else None
        if refusal is not None:
            raise TokenError(refusal)

    def _key(self, kid):
        with self._lock:
            age = time.monotonic() - self._fetched
            if self._keys is not None and kid in self._keys and age < JWKS_MAX_AGE:
                return self._keys[kid]
            if self._keys is None or age >= REFETCH_AFTER:
                self._keys = self._fetch_keys()
                self._fetched = time.monotonic()
            if kid not in self._keys:
                raise TokenError("unknown_key")
            return self._keys[kid]

    def _fetch_keys(self):
        try:
            with urllib.request.urlopen(self.jwks_url, timeout=5) as response:
                key_set = json.loads(response.read(1 << 20))
            keys = {}
            for jwk in key_set["keys"]:
                usable = jwk.get("kty") == "EC" and jwk.get("crv") == "P-256" and jwk.get("alg", "ES256") == "ES256"
                if usable and jwk.get("use", "sig") == "sig" and jwk.get("kid"):
                    public = {name: jwk[name] for name in ("kty", "crv", "x", "y")}  # never a private "d"
                    keys[jwk["kid"]] = ECAlgorithm.from_jwk(json.dumps(public))
            return keys
        except (OSError, ValueError, KeyError, TypeError, AttributeError, jwt.PyJWTError):
            raise TokenError("jwks_unavailable") from None


def shape(claims, issuer, audience):
    """The claims in the SDK's shape; wrong types are refused."""
    out = {"iss": issuer, "aud": audience}
    for name in ["sub", "org_id", "workflow_id"]:
        out[name] = claims[name]
    for name in ["sid", "name", "email", "auth_via", "org_role"]:
        out[name] = claims.get(name)
    for name in ["iat", "nbf", "exp", "jti"]:
        out[name] = claims[name]
    strings = [out[n] for n in ["sub", "org_id", "workflow_id", "jti"]]
    optional = [out[n] for n in ["sid", "name", "email", "auth_via", "org_role"]]
    numbers = [out[n] for n in ["iat", "nbf", "exp"]]
    if "" in strings:
        raise TokenError("missing_claim")
    if (
        not all(isinstance(v, str) for v in strings)
        or not all(v is None or isinstance(v, str) for v in optional)
        or not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in numbers)
        or out["auth_via"] not in (None, "session", "api_token")
        or out["org_role"] not in (None, "admin", "member")
    ):
        raise TokenError("token_malformed")
    return out


def main():
    parser = argparse.ArgumentParser(description="Verify an App Gateway app session token.")
    parser.add_argument("--jwks-url", default=os.environ.get("JWKS_URL"))
    parser.add_argument("--issuer", default=os.environ.get("ISSUER"))
    parser.add_argument("--audience", default=os.environ.get("AUDIENCE"))
    parser.add_argument("--token", default=os.environ.get("TOKEN"), help="prefer $TOKEN: arguments are visible to other users")
    parser.add_argument("--revocations", action="store_true", default=os.environ.get("REVOCATIONS") in ("1", "true"))
    parser.add_argument("--revocation-url", default=os.environ.get("REVOCATION_URL"), help="default: from the discovery document")
    parser.add_argument("--access", action="store_true", default=os.environ.get("ACCESS") in ("1", "true"), help="an access token for the resource --audience")
    parser.add_argument("--scope", default=os.environ.get("SCOPE", ""), help="with --access: the scopes it must carry, space-separated")
    args = parser.parse_args()
    if not args.issuer or not args.audience:
        parser.print_usage(sys.stderr)
        return 2
    revocations = Revocations(args.issuer, args.revocation_url or None) if args.revocations or args.revocation_url else None
    try:
        verifier = Verifier(args.issuer, args.jwks_url, revocations)
        if args.access:
            claims = verifier.verify_access(args.token, args.audience, args.scope.split())
        else:
            claims = verifier.verify(args.token, args.audience)
    except TokenError as error:
        print(error.code)
        return 1
    print(json.dumps(claims))
    return 0


if __name__ == "__main__":
    sys.exit(main())
