"""The claims of an App Gateway access token (SPEC §17, RFC 9068: typ at+jwt) for verify.py.

PyJWT has already checked the signature, iss, aud and times; this shapes the claims as the SDK's
AccessTokenClaims and says which required scopes the token lacks. Authorize on sub and org_id together.
"""
from token_error import TokenError

ACCESS_TOKEN_TYPE = "at+jwt"
ACCESS_REQUIRED = ["iss", "sub", "aud", "exp", "iat", "jti", "client_id", "scope"]


def access_shape(claims, issuer, resource):
    """The claims in the SDK's shape; wrong types are refused."""
    out = {"iss": issuer, "sub": claims["sub"], "aud": resource, "client_id": claims["client_id"], "scope": claims["scope"]}
    for name in ["org_id", "org_role", "sid", "act"]:
        out[name] = claims.get(name)
    for name in ["jti", "iat", "exp"]:
        out[name] = claims[name]
    strings = [out[n] for n in ["sub", "client_id", "scope", "jti"]]
    if "" in strings:
        raise TokenError("missing_claim")
    act = out["act"]
    if (
        not all(isinstance(v, str) for v in strings)
        or not all(out[n] is None or isinstance(out[n], str) for n in ["org_id", "sid"])
        or not all(isinstance(out[n], (int, float)) and not isinstance(out[n], bool) for n in ["iat", "exp"])
        or out["org_role"] not in (None, "admin", "member", "guest")
        or (act is not None and not (isinstance(act, dict) and isinstance(act.get("sub"), str)))
    ):
        raise TokenError("token_malformed")
    out["scopes"] = [s for s in out["scope"].split(" ") if s]
    if act is not None:
        out["act"] = {"sub": act["sub"]}
    return {name: out[name] for name in ["iss", "sub", "aud", "client_id", "scope", "scopes", "org_id", "org_role", "sid", "act", "jti", "iat", "exp"]}


def missing_scopes(claims, required):
    """The required scopes the token does not carry (an empty list when it carries them all)."""
    return [scope for scope in required if scope not in claims["scopes"]]
