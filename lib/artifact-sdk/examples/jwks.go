// The gateway's public keys for verify.go: fetched from the configured JWKS URL only, cached, and
// refetched at most every 30 s for an unknown kid.
package main

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"math/big"
	"net/http"
	"time"
)

// key returns the published key with this kid, refetching the JWKS when it is stale or, at most
// every 30 s, when the kid is unknown.
func (v *Verifier) key(kid string) (*ecdsa.PublicKey, error) {
	v.mu.Lock()
	defer v.mu.Unlock()
	age := time.Since(v.fetched)
	if key, ok := v.keys[kid]; ok && age < jwksMaxAge {
		return key, nil
	}
	if v.keys == nil || age >= refetchAfter {
		keys, err := v.fetchKeys()
		if err != nil {
			return nil, fail("jwks_unavailable")
		}
		v.keys, v.fetched = keys, time.Now()
	}
	if key, ok := v.keys[kid]; ok {
		return key, nil
	}
	return nil, fail("unknown_key")
}

func (v *Verifier) fetchKeys() (map[string]*ecdsa.PublicKey, error) {
	res, err := v.client.Get(v.JWKSURL)
	if err != nil {
		return nil, err
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("jwks: HTTP %d", res.StatusCode)
	}
	var set struct {
		Keys []struct{ Kty, Crv, X, Y, Kid, Alg, Use string } `json:"keys"`
	}
	if err := json.NewDecoder(io.LimitReader(res.Body, 1<<20)).Decode(&set); err != nil || set.Keys == nil {
		return nil, fmt.Errorf("jwks: not a key set")
	}
	keys := map[string]*ecdsa.PublicKey{}
	for _, k := range set.Keys {
		if k.Kty != "EC" || k.Crv != "P-256" || k.Kid == "" || (k.Alg != "" && k.Alg != "ES256") || (k.Use != "" && k.Use != "sig") {
			continue
		}
		x, errX := base64.RawURLEncoding.DecodeString(k.X)
		y, errY := base64.RawURLEncoding.DecodeString(k.Y)
		if errX != nil || errY != nil || len(x) != 32 || len(y) != 32 {
			continue
		}
		pub := &ecdsa.PublicKey{Curve: elliptic.P256(), X: new(big.Int).SetBytes(x), Y: new(big.Int).SetBytes(y)}
		if pub.Curve.IsOnCurve(pub.X, pub.Y) {
			keys[k.Kid] = pub
		}
	}
	return keys, nil
}
