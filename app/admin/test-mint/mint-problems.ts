/** What each refusal of the mint endpoint means, in plain words. */
export const MINT_PROBLEMS: Record<string, string> = {
  invalid_request: 'The request body was not accepted: it must be {} or {"workflowId": "<id>"}, as JSON.',
  unauthenticated: 'The gateway did not recognise you: your session has ended, or the API token is wrong, expired or revoked. Sign in again.',
  cross_origin: 'The gateway refused a cookie-authenticated call that did not come from its own pages.',
  org_mismatch:
    'You are a member of this app’s organization but acting in another one. Switch organization in the header, then mint again.',
  not_found:
    'No token: the app does not exist, was deleted, you are not a member of its organization, or its access rule leaves you out. The gateway gives the same answer in every case, so nobody can probe other organizations’ apps.',
  method_not_allowed: 'The endpoint only accepts POST.',
  payload_too_large: 'The request body is over 4 KiB.',
  unsupported_media_type: 'The request must be sent as application/json.',
  rate_limited: 'Too many tokens were minted for this app in the last minute. Wait for the Retry-After time, then try again.',
  unavailable: 'The database or the signing key is unavailable. The gateway fails closed: it hands out no token until it can sign safely.',
  internal: 'Something went wrong inside the gateway. The response carries a request id to look up in the server log.',
  network: 'The gateway could not be reached from this browser.',
};

export const explainMintProblem = (code: string) => MINT_PROBLEMS[code] ?? 'The gateway refused to mint a token.';
