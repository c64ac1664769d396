// Verifies an App Gateway app session token, or an access token (SPEC §17), with Go's standard library only.
//
//	go run verify.go jwks.go access_token.go revocations.go -issuer http://localhost:3000 -audience run_acme_dashboard   # token in $TOKEN
//	go run verify.go jwks.go access_token.go revocations.go -issuer http://localhost:3000 -audience platform-api -access -scope runs:read
//
// Flags fall back to the environment: -jwks-url $JWKS_URL (default <issuer>/.well-known/jwks.json),
// -issuer $ISSUER, -audience $AUDIENCE, -token $TOKEN; -revocations ($REVOCATIONS=1) also checks the
// gateway's revocation feed (found through discovery, or -revocation-url $REVOCATION_URL); -access
// ($ACCESS=1) verifies an access token for the resource -audience, which must carry every scope of
// -scope $SCOPE (space-separated). Prints the
// verified claims as JSON and exits 0, or prints an error code (token_expired, insufficient_scope, token_revoked, ...)
// and exits 1; 2 for bad usage.
package main

import (
	"crypto/ecdsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"flag"
	"fmt"
	"math/big"
	"net/http"
	"os"
	"regexp"
	"strings"
	"sync"
	"time"
)

const (
	tokenType      = "app-session+jwt"
	leeway         = 60 // seconds of clock skew allowed; never more
	maxTokenLength = 8 * 1024
	jwksMaxAge     = 10 * time.Minute
	refetchAfter   = 30 * time.Second // at most one refetch per 30 s for an unknown kid (key rotation)
)

var compactJWS = regexp.MustCompile(`^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$`)

// Claims are the verified claims of an app session token.
type Claims struct {
	Iss        string  `json:"iss"`
	Aud        string  `json:"aud"`
	Sub        string  `json:"sub"`
	OrgID      string  `json:"org_id"`
	Sid        *string `json:"sid"`
	OrgRole    *string `json:"org_role"`
	WorkflowID string  `json:"workflow_id"`
	Name       *string `json:"name"`
	Email      *string `json:"email"`
	AuthVia    *string `json:"auth_via"`
	Iat        float64 `json:"iat"`
	Nbf        float64 `json:"nbf"`
	Exp        float64 `json:"exp"`
	Jti        string  `json:"jti"`
}

// TokenError carries a stable code; branch on it, never on the message.
type TokenError struct{ Code string }

func (e *TokenError) Error() string { return e.Code }

func fail(code string) error { return &TokenError{Code: code} }

// Verifier is pinned to one gateway: its issuer and its JWKS URL. Safe for concurrent use.
type Verifier struct {
	Issuer  string
	JWKSURL string
	// Revocations, when set, refuses revoked tokens (token_revoked), failing closed without the feed.
	Revocations *Revocations
	client      *http.Client
	mu          sync.Mutex
	keys        map[string]*ecdsa.PublicKey
	fetched     time.Time
}

func NewVerifier(issuer, jwksURL string) *Verifier {
	if jwksURL == "" {
		jwksURL = strings.TrimRight(issuer, "/") + "/.well-known/jwks.json"
	}
	return &Verifier{Issuer: issuer, JWKSURL: jwksURL, client: &http.Client{Timeout: 5 * time.Second}}
}

// Verify checks the token for this app (audience) and returns its claims.
func (v *Verifier) Verify(token, audience string) (*Claims, error) {
	raw, err := v.checkedPayload(token, tokenType, audience, "sub", "exp", "iat", "nbf", "jti", "org_id", "workflow_id")
	if err != nil {
		return nil, err
	}
	c := &Claims{Iss: v.Issuer, Aud: audience}
	ok := str(raw, "sub", &c.Sub) && str(raw, "org_id", &c.OrgID) && str(raw, "workflow_id", &c.WorkflowID) &&
		str(raw, "jti", &c.Jti) && num(raw, "iat", &c.Iat) && num(raw, "nbf", &c.Nbf) && num(raw, "exp", &c.Exp) &&
		optStr(raw, "sid", &c.Sid) && optStr(raw, "name", &c.Name) && optStr(raw, "email", &c.Email) && optStr(raw, "auth_via", &c.AuthVia) && optStr(raw, "org_role", &c.OrgRole)
	if !ok || (c.AuthVia != nil && *c.AuthVia != "session" && *c.AuthVia != "api_token") ||
		(c.OrgRole != nil && *c.OrgRole != "admin" && *c.OrgRole != "member") {
		return nil, fail("token_malformed")
	}
	now := float64(time.Now().Unix())
	if c.Nbf > now+leeway {
		return nil, fail("token_not_yet_valid")
	}
	if c.Exp <= now-leeway {
		return nil, fail("token_expired")
	}
	if v.Revocations != nil {
		if code := v.Revocations.Refusal(map[string]*string{"sid": c.Sid, "sub": &c.Sub, "org_id": &c.OrgID, "aud": &c.Aud}, c.Iat); code != "" {
			return nil, fail(code)
		}
	}
	return c, nil
}

// checkedPayload is verifiedPayload's payload once every required claim (iss and aud among them) is
// present and not empty, the issuer is this gateway and the audience is the one given.
func (v *Verifier) checkedPayload(token, typ, audience string, required ...string) (map[string]any, error) {
	raw, err := v.verifiedPayload(token, typ)
	if err != nil {
		return nil, err
	}
	for _, claim := range append([]string{"iss", "aud"}, required...) {
		if value, ok := raw[claim]; !ok || value == nil || value == "" {
			return nil, fail("missing_claim")
		}
	}
	if raw["iss"] != v.Issuer {
		return nil, fail("wrong_issuer")
	}
	if !hasAudience(raw["aud"], audience) {
		return nil, fail("wrong_audience")
	}
	return raw, nil
}

// verifiedPayload checks the header (typ, alg, kid, no key material of its own) and the signature
// against the JWKS, and returns the payload whose claims are yet to be checked.
func (v *Verifier) verifiedPayload(token, typ string) (map[string]any, error) {
	if token == "" {
		return nil, fail("token_missing")
	}
	if len(token) > maxTokenLength || !compactJWS.MatchString(token) {
		return nil, fail("token_malformed")
	}
	parts := strings.Split(token, ".")
	var header map[string]any
	if err := decodeJSON(parts[0], &header); err != nil {
		return nil, fail("token_malformed")
	}
	// Never fetch or trust key material the token names itself.
	for _, name := range []string{"jku", "jwk", "x5u", "x5c", "crit"} {
		if _, ok := header[name]; ok {
			return nil, fail("forbidden_header")
		}
	}
	if header["alg"] != "ES256" {
		return nil, fail("wrong_algorithm")
	}
	kid, _ := header["kid"].(string)
	if kid == "" {
		return nil, fail("unknown_key")
	}
	if headerTyp, _ := header["typ"].(string); normalizeTyp(headerTyp) != typ {
		return nil, fail("wrong_type")
	}

	key, err := v.key(kid)
	if err != nil {
		return nil, err
	}
	signature, err := base64.RawURLEncoding.DecodeString(parts[2])
	if err != nil || len(signature) != 64 {
		return nil, fail("bad_signature")
	}
	digest := sha256.Sum256([]byte(parts[0] + "." + parts[1]))
	r, s := new(big.Int).SetBytes(signature[:32]), new(big.Int).SetBytes(signature[32:])
	if !ecdsa.Verify(key, digest[:], r, s) {
		return nil, fail("bad_signature")
	}

	var raw map[string]any
	if err := decodeJSON(parts[1], &raw); err != nil {
		return nil, fail("token_malformed")
	}
	return raw, nil
}

func decodeJSON(part string, into *map[string]any) error {
	data, err := base64.RawURLEncoding.DecodeString(part)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(data, into); err != nil || *into == nil {
		return fmt.Errorf("not a JSON object")
	}
	return nil
}

// normalizeTyp compares typ as RFC 7515 says: case-insensitive, "application/" optional.
func normalizeTyp(typ string) string {
	return strings.TrimPrefix(strings.ToLower(typ), "application/")
}

func hasAudience(aud any, audience string) bool {
	switch a := aud.(type) {
	case string:
		return a == audience
	case []any:
		for _, item := range a {
			if item == audience {
				return true
			}
		}
	}
	return false
}

func str(raw map[string]any, claim string, into *string) bool {
	value, ok := raw[claim].(string)
	*into = value
	return ok
}

func optStr(raw map[string]any, claim string, into **string) bool {
	if raw[claim] == nil {
		return true
	}
	value, ok := raw[claim].(string)
	*into = &value
	return ok
}

func num(raw map[string]any, claim string, into *float64) bool {
	value, ok := raw[claim].(float64)
	*into = value
	return ok
}

func main() {
	fromEnv := func(name string) string { return os.Getenv(name) }
	jwksURL := flag.String("jwks-url", fromEnv("JWKS_URL"), "the gateway's JWKS URL (default <issuer>/.well-known/jwks.json)")
	issuer := flag.String("issuer", fromEnv("ISSUER"), "the gateway origin, exactly as in iss")
	audience := flag.String("audience", fromEnv("AUDIENCE"), "this artifact's app id")
	token := flag.String("token", fromEnv("TOKEN"), "the app session token (prefer $TOKEN: arguments are visible to other users)")
	revocations := flag.Bool("revocations", fromEnv("REVOCATIONS") == "1" || fromEnv("REVOCATIONS") == "true", "also check the gateway's revocation feed")
	revocationURL := flag.String("revocation-url", fromEnv("REVOCATION_URL"), "the revocation feed (default: from the discovery document)")
	access := flag.Bool("access", fromEnv("ACCESS") == "1" || fromEnv("ACCESS") == "true", "verify an access token for the resource -audience")
	scope := flag.String("scope", fromEnv("SCOPE"), "with -access: the scopes it must carry, space-separated")
	flag.Parse()
	if *issuer == "" || *audience == "" {
		fmt.Fprintln(os.Stderr, "usage: go run verify.go jwks.go access_token.go revocations.go -issuer <gateway origin> -audience <app id> [-jwks-url <url>] [-token <jwt> | $TOKEN]")
		os.Exit(2)
	}

	verifier := NewVerifier(*issuer, *jwksURL)
	if *revocations || *revocationURL != "" {
		verifier.Revocations = NewRevocations(*issuer, *revocationURL, 0, 0)
	}
	var claims any
	var err error
	if *access {
		claims, err = verifier.VerifyAccess(*token, *audience, strings.Fields(*scope))
	} else {
		claims, err = verifier.Verify(*token, *audience)
	}
	if err != nil {
		code := "token_malformed"
		if tokenErr, ok := err.(*TokenError); ok {
			code = tokenErr.Code
		}
		fmt.Println(code)
		os.Exit(1)
	}
	out, _ := json.Marshal(claims)
	fmt.Println(string(out))
}
