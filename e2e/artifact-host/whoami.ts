import { ArtifactTokenError, type ArtifactTokenVerifier } from '../../lib/artifact-sdk/index';
import { json, type Reply } from './responses';
import { tokenProblem, verifyViewerToken, type ViewerClaims } from './viewer-token';

// GET /api/whoami on an app's origin — verifies the Bearer token for this app; answers the verified claims.
export async function whoami(verifier: ArtifactTokenVerifier<ViewerClaims>, label: string, authorization: string | undefined): Promise<Reply> {
  try {
    const { claims } = await verifyViewerToken(verifier, label, authorization);
    return json(200, claims);
  } catch (err) {
    if (!(err instanceof ArtifactTokenError)) throw err;
    return tokenProblem(err);
  }
}
