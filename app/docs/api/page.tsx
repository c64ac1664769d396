// Our own renderer, not Scalar or Redoc (evaluated December 2026, issue #12): the last Scalar whose
// engines allow Node 20 is @scalar/api-reference 1.46.4 (1.47+ need Node 22). Served from our origin
// under this page's policy it renders, but its standalone bundle is 3.6 MB (1 MB gzip) of script; it
// injects styles at run time (pins style-src 'unsafe-inline'); its `new Function` probe reports a
// script-src eval violation on every load; it calls proxy.scalar.com unless its agent is turned off;
// and its try-it defaults to an empty Bearer header and the body {"workflowId": ""} (400), cannot
// decode the token, list the viewer's apps or ask a signed-out visitor to sign in. Redoc 2.5.4 (the
// last for Node 20) has no try-it at all.
import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { signInUrl } from '@/lib/auth/callback-url';
import { currentViewer } from '@/lib/auth/current-viewer';
import { errorCodesOf, operationsOf, securitySchemesOf, sharedBodiesOf, type OpenApiDoc } from '@/lib/ui/docs/openapi-view';
import { listAppsForUser } from '@/lib/gateway/apps/viewer-apps';
import { openApiDocument } from '@/lib/platform/http/openapi';
import { tryRequestOf } from '@/lib/ui/docs/try-request';
import { ErrorCodesTable } from './error-codes-table';
import { MethodBadge, Md, OperationCard, PathLabel, SchemaBlock, sharedBodyTitle } from './reference-parts';
import { TryMint } from './try-mint';
import { TryOperation } from './try-operation';

export const metadata: Metadata = { title: 'API reference' };
export const dynamic = 'force-dynamic';

const MINT_OPERATION = 'mintAppSession';
/** Operations a bearer token alone may call get a try-it with a pasted token; public ones, the cookies' and the token endpoint's (HTTP Basic) get none. */
const bearerOnly = (security: string[], schemeLabels: Map<string, string>) => security.length > 0 && security.every((name) => schemeLabels.get(name) === 'HTTP Bearer');

// GET /docs/api — the API reference, rendered from the same OpenAPI document /v1/openapi.json serves,
// with a "Try it" for the mint endpoint that uses the signed-in browser session, and one with a pasted
// bearer token for each operation that takes only a token (the management API).
export default async function ApiReferencePage() {
  // The document is plain JSON built from the zod schemas; the view reads the OpenAPI 3.1 subset it uses.
  const doc = openApiDocument() as unknown as OpenApiDoc;
  const operations = operationsOf(doc);
  const sharedBodies = sharedBodiesOf(doc);
  const schemes = securitySchemesOf(doc);
  const schemeLabels = new Map(schemes.map((s) => [s.name, s.label]));
  const baseUrl = doc.servers?.[0]?.url ?? '';

  const viewer = await currentViewer();
  const apps = viewer ? (await listAppsForUser(viewer.id)).apps : [];
  const firstActive = apps.find((a) => a.orgId === viewer?.activeOrgId && a.artifactUrl !== null) ?? apps[0];

  const facts: Array<[string, ReactNode]> = [
    ['Base URL', <code data-testid="base-url">{baseUrl}</code>],
    ['Version', doc.info.version],
    [
      'Specification',
      <a href="/v1/openapi.json" data-testid="openapi-link">
        OpenAPI {doc.openapi}
      </a>,
    ],
    ['Keys', <a href="/.well-known/jwks.json">/.well-known/jwks.json</a>],
  ];

  return (
    <main className="container docs">
      <div className="docs-layout">
        <nav className="docs-nav" aria-label="On this page">
          <p className="eyebrow">On this page</p>
          <ul>
            <li>
              <a href="#authentication">Authentication</a>
            </li>
            {operations.map((op) => (
              <li key={op.id}>
                <a href={`#${op.id}`} className="docs-nav__op">
                  <MethodBadge method={op.method} />
                  <span>
                    <PathLabel path={op.path} />
                  </span>
                </a>
              </li>
            ))}
            <li>
              <a href="#bodies">Response bodies</a>
            </li>
            <li>
              <a href="#errors">Error codes</a>
            </li>
          </ul>
        </nav>

        <div className="docs-main">
          <header className="docs-hero">
            <p className="eyebrow">API reference</p>
            <h1>{doc.info.title} API</h1>
            {doc.info.description ? <p className="docs-hero__lead">{doc.info.description}</p> : null}
            <dl className="docs-facts">
              {facts.map(([term, value]) => (
                <div key={term}>
                  <dt>{term}</dt>
                  <dd>{value}</dd>
                </div>
              ))}
            </dl>
          </header>

          <section id="authentication" className="docs-section" aria-labelledby="authentication-title">
            <h2 id="authentication-title">Authentication</h2>
            <p className="docs-section__lead">
              Who is calling comes only from the request’s credentials, never from its body. When an <code>Authorization</code>{' '}
              header is present, it alone decides.
            </p>
            <div className="docs-schemes">
              {schemes.map((s) => (
                <div key={s.name} className="docs-scheme">
                  <div className="docs-scheme__head">
                    <strong>{s.title}</strong>
                    <code>{s.label}</code>
                  </div>
                  {s.description ? (
                    <p>
                      <Md text={s.description} />
                    </p>
                  ) : null}
                </div>
              ))}
            </div>
          </section>

          {operations.map((op) => (
            <OperationCard key={op.id} op={op} schemes={schemeLabels}>
              {op.id === MINT_OPERATION ? (
                <TryMint
                  origin={baseUrl}
                  signedIn={viewer !== null}
                  signInHref={signInUrl('/docs/api')}
                  apps={apps.map((a) => ({ id: a.id, title: a.title, orgName: a.orgName }))}
                  defaultAppId={firstActive?.id ?? 'run_acme_dashboard'}
                />
              ) : bearerOnly(op.security, schemeLabels) ? (
                <TryOperation origin={baseUrl} spec={tryRequestOf(doc, op.id)!} />
              ) : null}
            </OperationCard>
          ))}

          <section id="bodies" className="docs-section" aria-labelledby="bodies-title">
            <h2 id="bodies-title">Response bodies</h2>
            <p className="docs-section__lead">The bodies many responses share, each shown once; a response row links to its own.</p>
            {sharedBodies.map((body) => (
              <section key={body.id} id={body.id} className="docs-shared-body" data-testid="shared-body" aria-labelledby={`${body.id}-title`}>
                <h3 id={`${body.id}-title`} className="docs-h3">
                  {sharedBodyTitle(body.id)} <code>{body.contentType}</code>{' '}
                  <span className="docs-h3__meta">
                    {body.fieldNames.join(', ')}
                    {body.schema.kind === 'object' && body.schema.closed ? ' (no other fields)' : ''} · {body.uses} responses
                  </span>
                </h3>
                <SchemaBlock schema={body.schema} />
              </section>
            ))}
          </section>

          <section id="errors" className="docs-section" aria-labelledby="errors-title">
            <h2 id="errors-title">Error codes</h2>
            <p className="docs-section__lead">
              Every refusal is an RFC 9457 problem, <code>application/problem+json</code>:{' '}
              <code>{'{ type, title, status, detail, code, instance }'}</code>. Branch on <code>code</code>; it is stable;{' '}
              <code>instance</code> is the request&apos;s id (as in <code>X-Request-Id</code>) to quote in a report. A{' '}
              <code>403 org_mismatch</code> adds <code>orgId</code> and <code>orgName</code> of the app’s org. Responses never
              carry a stack trace, SQL or a secret.
            </p>
            <ErrorCodesTable codes={errorCodesOf(doc)} />
          </section>
        </div>
      </div>
    </main>
  );
}
