import { ArtifactTokenError, TokenExchangeError, type ArtifactTokenVerifier, type ViewerExchange } from '../../lib/artifact-sdk/index';
import type { PlatformRun } from './platform-api-runs';
import { json, problem, type Reply } from './responses';
import { tokenProblem, verifyViewerToken, type ViewerClaims } from './viewer-token';

export interface ViewerRunsBackend {
  verifier: ArtifactTokenVerifier<ViewerClaims>;
  /** The SDK's exchanger, holding this app's client secret. */
  exchange: ViewerExchange;
  /** The demo platform API: its origin and resource id, and the scope asked for. */
  platformApi: { origin: string; resource: string };
  scope: string;
}

const FETCH_TIMEOUT_MS = 5_000;

// GET /api/runs on the dashboard's origin — acts for the viewer (SPEC §17): trades their app session
// token for an access token to the platform API, then asks it for their runs. Neither token is logged
// nor answered; a refusal is answered as a problem naming who refused and why.
export async function viewerRuns(backend: ViewerRunsBackend, label: string, authorization: string | undefined): Promise<Reply> {
  let viewer: { token: string; claims: ViewerClaims };
  try {
    viewer = await verifyViewerToken(backend.verifier, label, authorization);
  } catch (err) {
    if (!(err instanceof ArtifactTokenError)) throw err;
    return tokenProblem(err);
  }
  let accessToken: string;
  try {
    ({ accessToken } = await backend.exchange.exchangeForViewer({ subjectToken: viewer.token, resource: backend.platformApi.resource, scope: backend.scope }));
  } catch (err) {
    if (!(err instanceof TokenExchangeError)) throw err;
    return problem(502, err.code, 'Token exchange refused', `The gateway did not give this app an access token for you: ${err.message}`);
  }
  let response: Response;
  try {
    response = await fetch(`${backend.platformApi.origin}/runs`, { headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json' }, signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
  } catch {
    return problem(502, 'platform_api_unreachable', 'Platform API unreachable', 'The platform API could not be reached.');
  }
  const body = (await response.json().catch(() => null)) as { runs?: PlatformRun[]; code?: unknown; detail?: unknown } | null;
  if (!response.ok || !Array.isArray(body?.runs)) {
    const code = typeof body?.code === 'string' ? body.code : `http_${response.status}`;
    const detail = typeof body?.detail === 'string' ? body.detail : 'no reason given';
    return problem(502, code, 'Platform API refused', `The platform API answered ${response.status}: ${detail}`);
  }
  return json(200, { name: viewer.claims.name, runs: body.runs });
}
