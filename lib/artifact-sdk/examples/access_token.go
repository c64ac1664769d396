// Access tokens (SPEC §17, RFC 9068: typ at+jwt) for verify.go, as a resource server verifies them:
// the same key set and signature check as app session tokens, aud = this resource, the scopes it
// requires, and the revocation feed, whose entries name the resource (aud) or the app that obtained
// the token (client_id). Authorize on Sub and OrgID together.
package main

import (
	"strings"
	"time"
)

const accessTokenType = "at+jwt"

// AccessClaims are the verified claims of an access token, in the SDK's AccessTokenClaims shape.
type AccessClaims struct {
	Iss      string   `json:"iss"`
	Sub      string   `json:"sub"`
	Aud      string   `json:"aud"`
	ClientID string   `json:"client_id"`
	Scope    string   `json:"scope"`
	Scopes   []string `json:"scopes"`
	OrgID    *string  `json:"org_id"`
	OrgRole  *string  `json:"org_role"`
	Sid      *string  `json:"sid"`
	Act      *Actor   `json:"act"`
	Jti      string   `json:"jti"`
	Iat      float64  `json:"iat"`
	Exp      float64  `json:"exp"`
}

// Actor is the app acting for the viewer (RFC 8693 §4.1): "app:<appId>".
type Actor struct {
	Sub string `json:"sub"`
}

// VerifyAccess checks an access token for this resource that carries every scope in scopes.
func (v *Verifier) VerifyAccess(token, resource string, scopes []string) (*AccessClaims, error) {
	raw, err := v.checkedPayload(token, accessTokenType, resource, "sub", "exp", "iat", "jti", "client_id", "scope")
	if err != nil {
		return nil, err
	}
	c := &AccessClaims{Iss: v.Issuer, Aud: resource}
	ok := str(raw, "sub", &c.Sub) && str(raw, "client_id", &c.ClientID) && str(raw, "scope", &c.Scope) && str(raw, "jti", &c.Jti) &&
		num(raw, "iat", &c.Iat) && num(raw, "exp", &c.Exp) && optStr(raw, "org_id", &c.OrgID) && optStr(raw, "org_role", &c.OrgRole) &&
		optStr(raw, "sid", &c.Sid) && actor(raw, &c.Act)
	if !ok || (c.OrgRole != nil && *c.OrgRole != "admin" && *c.OrgRole != "member" && *c.OrgRole != "guest") {
		return nil, fail("token_malformed")
	}
	c.Scopes = splitScope(c.Scope)
	now := float64(time.Now().Unix())
	if nbf, present := raw["nbf"].(float64); present && nbf > now+leeway {
		return nil, fail("token_not_yet_valid")
	}
	if c.Exp <= now-leeway {
		return nil, fail("token_expired")
	}
	if v.Revocations != nil {
		byResource := map[string]*string{"sid": c.Sid, "sub": &c.Sub, "org_id": c.OrgID, "aud": &c.Aud}
		byApp := map[string]*string{"sid": c.Sid, "sub": &c.Sub, "org_id": c.OrgID, "aud": &c.ClientID}
		first, second := v.Revocations.Refusal(byResource, c.Iat), v.Revocations.Refusal(byApp, c.Iat)
		if first == "token_revoked" || second == "token_revoked" {
			return nil, fail("token_revoked")
		}
		if first != "" {
			return nil, fail(first)
		}
	}
	for _, needed := range scopes {
		if !contains(c.Scopes, needed) {
			return nil, fail("insufficient_scope")
		}
	}
	return c, nil
}

func actor(raw map[string]any, into **Actor) bool {
	if raw["act"] == nil {
		return true
	}
	act, ok := raw["act"].(map[string]any)
	if !ok {
		return false
	}
	sub, ok := act["sub"].(string)
	*into = &Actor{Sub: sub}
	return ok
}

func splitScope(scope string) []string {
	scopes := []string{}
	for _, s := range strings.Split(scope, " ") {
		if s != "" {
			scopes = append(scopes, s)
		}
	}
	return scopes
}

func contains(list []string, item string) bool {
	for _, s := range list {
		if s == item {
			return true
		}
	}
	return false
}
