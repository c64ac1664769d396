// The artifact SDK as its package (SPEC §6 amended): `npm run sdk:pack` builds and packs it, an empty
// project installs the tarball, and plain Node there (no tsx, no path aliases: only what the package
// ships) verifies a real app session token and access tokens from a running gateway, imports
// `./browser`, and cannot reach the package's internals; tsc reads its declarations.
// The database plays no part in what the package does, so one kind (PGlite) is enough here.
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basic, exchangeFields, mintedToken, RESOURCE, setUpExchangeWorld, tokenRequest } from './harness/exchange';
import { APP_URL, startGateway, type Gateway } from './harness/gateway-fixture';

const run = promisify(execFile);
const APP = 'run_acme_dashboard';
const SDK = path.resolve('lib/artifact-sdk');
const sdkPackage = JSON.parse(readFileSync(path.join(SDK, 'package.json'), 'utf8')) as { name: string; dependencies: Record<string, string> };
const rootPackage = JSON.parse(readFileSync('package.json', 'utf8')) as { dependencies: Record<string, string> };
// Children run on this Node with nothing of vitest's (no loaders through NODE_OPTIONS).
const childEnv = () => {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.NODE_OPTIONS;
  delete env.VITEST;
  return env;
};

describe('the artifact SDK as an npm package', () => {
  let work: string;
  let project: string;
  let tarball: string;
  let gw: Gateway;

  beforeAll(async () => {
    work = mkdtempSync(path.join(tmpdir(), 'sdk-package-'));
    // Gateway and package build side by side: the gateway in this process, tsc and npm pack in children.
    const packed = run(process.execPath, ['lib/platform/tasks/sdk-pack.mjs', '--out', work], { env: childEnv() });
    gw = await startGateway('pglite', { RATE_LIMIT_MINTS_PER_MINUTE: '0' });
    tarball = (await packed).stdout.trim().split('\n').at(-1)!;
    project = path.join(work, 'artifact-backend');
    mkdirSync(project);
    writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'artifact-backend', private: true, type: 'module' }));
    // From npm's cache when jose is there (the gateway's own install put it there), else the registry.
    await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', tarball], { cwd: project, env: childEnv() });
  });
  afterAll(async () => {
    await gw?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('ships ESM JavaScript and declarations for its two entry points, and jose (the root pin) as its only dependency', async () => {
    expect(sdkPackage.dependencies).toEqual({ jose: rootPackage.dependencies.jose });
    const { stdout } = await run('tar', ['-tzf', tarball]);
    const files = stdout.trim().split('\n').map((f) => f.replace(/^package\//, ''));
    expect(files).toEqual(expect.arrayContaining(['package.json', 'README.md', 'dist/index.js', 'dist/index.d.ts', 'dist/browser.js', 'dist/browser.d.ts']));
    // Neither tests, fixtures nor examples, nor a TypeScript source: only what a consumer runs or reads.
    expect(files.filter((f) => !/^dist\/[a-z-]+\.(js|d\.ts)$/.test(f) && !['package.json', 'README.md'].includes(f))).toEqual([]);
    expect(files.filter((f) => /test|fixture/.test(f))).toEqual([]);
    const installed = readdirSync(path.join(project, 'node_modules')).filter((name) => !name.startsWith('.')).sort();
    expect(installed).toEqual(['@app-gateway', 'jose']);
    // What the compiled files import: each other and jose, nothing of the gateway (ARCHITECTURE.md).
    const dist = path.join(project, 'node_modules', sdkPackage.name, 'dist');
    const imported = new Set<string>();
    for (const file of readdirSync(dist).filter((f) => f.endsWith('.js'))) {
      for (const m of readFileSync(path.join(dist, file), 'utf8').matchAll(/(?:\bfrom|\bimport)\s*\(?\s*(["'])([^"']+)\1/g)) imported.add(m[2]!);
    }
    expect([...imported].filter((specifier) => !/^\.\/[a-z-]+\.js$/.test(specifier))).toEqual(['jose']);
  });

  it('in an empty project, plain Node verifies the gateway’s tokens with the installed package and tsc reads its types', async () => {
    const cookie = await gw.client.signIn('alice@acme.test');
    const token = await mintedToken(gw, APP, cookie);
    const secrets = await setUpExchangeWorld();
    const exchanged = await tokenRequest(gw, exchangeFields(token), { authorization: basic(APP, secrets[APP]!) });
    expect(exchanged.status).toBe(200);
    const { access_token } = (await exchanged.json()) as { access_token: string };

    copyFileSync(path.resolve('e2e/integration/sdk-consumer/consumer.mjs'), path.join(project, 'consumer.mjs'));
    const { stdout } = await run(process.execPath, ['consumer.mjs'], {
      cwd: project,
      env: {
        ...childEnv(),
        ISSUER: APP_URL,
        JWKS_URL: `${gw.url}/.well-known/jwks.json`,
        REVOCATION_URL: `${gw.url}/v1/app-gateway/revocations`,
        TOKEN_ENDPOINT: `${gw.url}/v1/app-gateway/token`,
        APP_ID: APP,
        CLIENT_SECRET: secrets[APP]!,
        RESOURCE,
        TOKEN: token,
        ACCESS_TOKEN: access_token,
      },
    });
    expect(JSON.parse(stdout)).toEqual({
      session: { sub: 'usr_alice', aud: APP, org_id: 'org_acme', name: 'Alice Anders' },
      tampered: 'bad_signature',
      otherAudience: 'wrong_audience',
      exchanged: { scope: ['runs:read'], expiresIn: expect.any(Number) },
      access: { sub: 'usr_alice', aud: RESOURCE, client_id: APP, scope: 'runs:read', act: { sub: `app:${APP}` } },
      given: { sub: 'usr_alice', client_id: APP },
      sessionTokenAsAccessToken: 'wrong_type',
      moreScopeThanGiven: 'insufficient_scope',
      refusedExchange: 'invalid_scope',
      browser: { connectToGateway: 'function', GatewayConnectionError: 'function' },
      internals: 'ERR_PACKAGE_PATH_NOT_EXPORTED',
    });

    // The same file type-checked against the installed declarations (the exports map's `types`):
    // its @ts-expect-error holds only if the claims are typed, not `any`.
    writeFileSync(
      path.join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          allowJs: true,
          checkJs: true,
          noEmit: true,
          strict: true,
          module: 'nodenext',
          moduleResolution: 'nodenext',
          target: 'es2022',
          lib: ['es2022', 'dom'],
          types: ['node'],
          typeRoots: [path.resolve('node_modules/@types')],
        },
        files: ['consumer.mjs'],
      }),
    );
    const tsc = await run(process.execPath, [path.resolve('node_modules/typescript/bin/tsc'), '-p', project], { env: childEnv() }).catch((err: { stdout: string }) => err);
    expect(tsc.stdout).toBe('');
    // Two Node processes and a TypeScript compile: a minute's room beside the browser suites.
  }, 90_000);
});
