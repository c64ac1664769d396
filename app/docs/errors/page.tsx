import type { Metadata } from 'next';
import { errorCodesOf, type OpenApiDoc } from '@/lib/ui/docs/openapi-view';
import { openApiDocument } from '@/lib/platform/http/openapi';
import { ErrorCodesTable } from '../api/error-codes-table';

export const metadata: Metadata = { title: 'Error codes' };
export const dynamic = 'force-dynamic';

// GET /docs/errors — where a problem's `type` (`<APP_URL>/docs/errors#<code>`) points.
export default function ErrorCodesPage() {
  const doc = openApiDocument() as unknown as OpenApiDoc;
  return (
    <main className="container docs">
      <div className="docs-main docs-main--narrow">
        <header className="docs-hero">
          <p className="eyebrow">API reference</p>
          <h1>Error codes</h1>
          <p className="docs-hero__lead">
            Every refusal of the App Gateway API is an RFC 9457 problem (<code>application/problem+json</code>) with a stable{' '}
            <code>code</code>. Its <code>type</code> links to the row below; its <code>instance</code> (<code>urn:uuid:…</code>, the same
            id as the <code>X-Request-Id</code> header) names the request in the gateway&apos;s logs.
          </p>
        </header>
        <section className="docs-section">
          <ErrorCodesTable codes={errorCodesOf(doc)} />
          <p className="docs-section__foot">
            <a href="/docs/api#errors">The full API reference</a> says which endpoint answers which code, and when.
          </p>
        </section>
      </div>
    </main>
  );
}
