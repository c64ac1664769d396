// Follows an App Gateway's revocation feed (GET /v1/app-gateway/revocations?after=<cursor>) for
// verify.go. A token is revoked by an entry when every claim the entry names (sid, sub, org_id, aud)
// equals the token's and the token's iat is at or before the entry's at.
package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
)

var revocationClaims = []string{"sid", "sub", "org_id", "aud"}

const (
	maxTokenLifetime = 3600 // seconds; entries older than this (+ leeway) can only revoke expired tokens
	pagesPerPoll     = 100  // pages read back to back; the rest waits for the next poll
)

// Revocations reads the feed in a goroutine. Refusal never touches the network, except that the
// very first call waits for the first read. While the feed cannot be read it goes on with the
// entries it has for maxStaleness, then refuses every token (revocations_unavailable).
type Revocations struct {
	issuer       string
	endpoint     string
	pollInterval time.Duration
	maxStaleness time.Duration
	client       *http.Client
	mu           sync.Mutex
	index        map[string]map[string]int64 // "org_id,sub" -> JSON of the values -> latest at
	cursor       *string
	synced       time.Time // when the feed was last read to its end
	lastError    string
	firstRead    chan struct{}
	closed       chan struct{}
	closeOnce    sync.Once
}

// NewRevocations starts following the feed; endpoint "" means revocation_endpoint from discovery.
// Zero durations take the defaults: poll every 10 s, fail closed after 60 s without the feed.
func NewRevocations(issuer, endpoint string, pollInterval, maxStaleness time.Duration) *Revocations {
	if pollInterval <= 0 {
		pollInterval = 10 * time.Second
	}
	if maxStaleness <= 0 {
		maxStaleness = 60 * time.Second
	}
	r := &Revocations{
		issuer: issuer, endpoint: endpoint, pollInterval: pollInterval, maxStaleness: maxStaleness,
		client: &http.Client{Timeout: 5 * time.Second}, index: map[string]map[string]int64{},
		firstRead: make(chan struct{}), closed: make(chan struct{}),
	}
	go r.run()
	return r
}

// Refusal returns "" when a verified token with these claims (sid, sub, org_id, aud; nil when absent)
// issued at iat may be trusted, else token_revoked or revocations_unavailable.
func (r *Revocations) Refusal(claims map[string]*string, iat float64) string {
	select {
	case <-r.firstRead:
	case <-time.After(15 * time.Second):
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	for shape, index := range r.index {
		values, ok := claimValues(claims, shape)
		if at, found := index[indexKey(values)]; ok && found && int64(iat) <= at {
			return "token_revoked"
		}
	}
	if r.synced.IsZero() || time.Since(r.synced) > r.maxStaleness {
		return "revocations_unavailable"
	}
	return ""
}

// Close stops following the feed.
func (r *Revocations) Close() { r.closeOnce.Do(func() { close(r.closed) }) }

func (r *Revocations) run() {
	r.poll()
	close(r.firstRead)
	for {
		select {
		case <-r.closed:
			return
		case <-time.After(r.pollInterval):
			r.poll()
		}
	}
}

func (r *Revocations) poll() {
	err := r.readToEnd()
	r.mu.Lock()
	defer r.mu.Unlock()
	r.lastError = ""
	if err != nil {
		r.lastError = err.Error()
	}
	oldest := time.Now().Unix() - maxTokenLifetime - leeway
	for _, index := range r.index {
		for key, at := range index {
			if at < oldest {
				delete(index, key)
			}
		}
	}
}

func (r *Revocations) readToEnd() error {
	if r.endpoint == "" {
		var discovery struct {
			RevocationEndpoint string `json:"revocation_endpoint"`
		}
		if err := r.getJSON(strings.TrimRight(r.issuer, "/")+"/.well-known/app-gateway", &discovery); err != nil {
			return err
		}
		if !strings.HasPrefix(discovery.RevocationEndpoint, "https://") && !strings.HasPrefix(discovery.RevocationEndpoint, "http://") {
			return errors.New("the discovery document names no revocation_endpoint")
		}
		r.endpoint = discovery.RevocationEndpoint
	}
	for page := 0; page < pagesPerPoll; page++ {
		began := time.Now()
		u, err := url.Parse(r.endpoint)
		if err != nil {
			return err
		}
		if r.cursor != nil {
			query := u.Query()
			query.Set("after", *r.cursor)
			u.RawQuery = query.Encode()
		}
		var body struct {
			Revocations []map[string]any `json:"revocations"`
			Cursor      *string          `json:"cursor"`
		}
		if err := r.getJSON(u.String(), &body); err != nil {
			var status statusError
			if errors.As(err, &status) && int(status) == http.StatusBadRequest && r.cursor != nil {
				r.cursor = nil // the gateway no longer knows the cursor (e.g. a restore): read it all again
				continue
			}
			return err
		}
		if body.Revocations == nil || body.Cursor == nil {
			return errors.New("the revocation feed answered something that is not a feed page")
		}
		moved := r.cursor == nil || *r.cursor != *body.Cursor
		r.cursor = body.Cursor
		r.mu.Lock()
		for _, entry := range body.Revocations {
			r.add(entry)
		}
		if len(body.Revocations) == 0 || !moved {
			r.synced = began
		}
		r.mu.Unlock()
		if len(body.Revocations) == 0 || !moved {
			return nil
		}
	}
	return errors.New("the feed had more pages than one poll reads")
}

// add skips an entry that names no known claim, a claim that is not a non-empty string, or no readable at.
func (r *Revocations) add(entry map[string]any) {
	raw, _ := entry["at"].(string)
	at, err := time.Parse(time.RFC3339Nano, raw)
	if err != nil {
		return
	}
	names, values := []string{}, []string{}
	for _, name := range revocationClaims {
		value, present := entry[name]
		if !present {
			continue
		}
		text, ok := value.(string)
		if !ok || text == "" {
			return
		}
		names, values = append(names, name), append(values, text)
	}
	if len(names) == 0 {
		return
	}
	shape := strings.Join(names, ",")
	if r.index[shape] == nil {
		r.index[shape] = map[string]int64{}
	}
	key := indexKey(values)
	if previous, ok := r.index[shape][key]; !ok || at.Unix() > previous {
		r.index[shape][key] = at.Unix()
	}
}

func (r *Revocations) getJSON(target string, into any) error {
	res, err := r.client.Get(target)
	if err != nil {
		return errors.New("the revocation feed could not be reached")
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return statusError(res.StatusCode)
	}
	return json.NewDecoder(io.LimitReader(res.Body, 16<<20)).Decode(into)
}

// claimValues are the token's values of the claims a shape names; false if the token lacks one.
func claimValues(claims map[string]*string, shape string) ([]string, bool) {
	values := []string{}
	for _, name := range strings.Split(shape, ",") {
		if claims[name] == nil {
			return nil, false
		}
		values = append(values, *claims[name])
	}
	return values, true
}

// statusError is an HTTP status other than 200 from the gateway.
type statusError int

func (e statusError) Error() string {
	return fmt.Sprintf("the revocation feed answered HTTP %d", int(e))
}

func indexKey(values []string) string {
	key, _ := json.Marshal(values)
	return string(key)
}
