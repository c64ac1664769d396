import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// The layering: app → lib → db. lib never imports app; db imports neither; the artifact SDK is what
// artifact authors copy, so it imports nothing of the gateway.
const noImport = (groups, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: groups, message }] }],
});

// The SDK is also an npm package compiled for Node (lib/artifact-sdk/tsconfig.package.json), which
// needs each relative import to name its file: `./verify.ts`, rewritten to `./verify.js` by tsc.
const sdkImports = (outside) => ({
  'no-restricted-imports': [
    'error',
    {
      patterns: [
        { group: outside, message: 'The artifact SDK stands alone: it imports nothing of the gateway.' },
        { regex: '^\\.\\.?/(?!.*\\.ts$)', message: 'Name the .ts file (./verify.ts): the SDK package runs on Node, which needs the extension.' },
      ],
    },
  ],
});

export default tseslint.config(
  { ignores: ['node_modules/', '.next/', 'dist/', '**/dist/', '.data/', 'test-results/', 'playwright-report/', 'db/migrations/', 'next-env.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  { files: ['**/*.mjs', '**/*.js'], languageOptions: { globals: globals.node } },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  { files: ['app/**/*.{ts,tsx}', 'lib/**/*.tsx'], ...reactHooks.configs.flat.recommended },
  {
    files: ['lib/**/*.{ts,tsx}'],
    ignores: ['lib/artifact-sdk/**'],
    rules: noImport(['@/app/*', '**/app/*'], 'lib/ must not import app/: move the shared code into lib/.'),
  },
  {
    files: ['db/**/*.ts'],
    rules: noImport(['@/app/*', '**/app/*', '@/lib/*', '**/lib/*', '!@/lib/platform', '@/lib/platform/*', '!@/lib/platform/config', '!@/lib/platform/config/*'], 'db/ imports only lib/platform/config (the env module).'),
  },
  {
    files: ['lib/artifact-sdk/*.{ts,tsx}'],
    rules: sdkImports(['@/*', '../*']),
  },
  {
    files: ['lib/artifact-sdk/examples/*.ts'],
    rules: sdkImports(['@/*', '../../*']),
  },
  {
    files: ['lib/artifact-proxy/**/*.ts'],
    rules: noImport(
      ['@/app/*', '@/db/*', '@/lib/*', '!@/lib/artifact-sdk', '!@/lib/platform', '!@/lib/artifact-proxy', '!@/lib/gateway', '@/lib/gateway/*', '!@/lib/gateway/apps', '!@/lib/gateway/errors', '!@/lib/gateway/sharing', '@/lib/gateway/sharing/*', '!@/lib/gateway/sharing/sharing-levels'],
      'The artifact proxy builds on the SDK (verification, revocations), lib/platform, the app look-up (lib/gateway/apps), the sharing switch’s levels (lib/gateway/sharing/sharing-levels) and the one error table (lib/gateway/errors) only: never the mint, keys, auth or SQL of its own.',
    ),
  },
  {
    // What the platform's pipeline imports: openapi-fetch and its own generated types, nothing of the gateway.
    files: ['lib/management-client/*.ts'],
    ignores: ['lib/management-client/*.test.ts'],
    rules: noImport(['@/*', '../*'], 'The management client stands alone: it imports nothing of the gateway (its types are generated into schema.gen.ts).'),
  },
  {
    files: ['lib/platform/net/*.ts'],
    rules: noImport(['@/*', '../*'], 'lib/platform/net/ (address classes, the guarded lookup) imports nothing of the gateway: the webhooks and the proxy both build on it.'),
  },
  {
    // One constant-time compare for secrets (lib/platform/crypto/constant-time-equal.ts): it hashes both
    // sides first, so neither a length check of its own nor a RangeError gives the length away.
    ignores: ['lib/platform/crypto/constant-time-equal.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "ImportSpecifier[imported.name='timingSafeEqual'], MemberExpression[property.name='timingSafeEqual']", message: 'Compare secrets with secretsEqual (lib/platform/crypto/constant-time-equal.ts).' },
      ],
    },
  },
  {
    files: ['app/**/*.{ts,tsx}'],
    rules: noImport(['@/db/*', '**/db/*', 'drizzle-orm', 'drizzle-orm/*', 'postgres'], 'Pages and handlers know nothing of SQL: call a lib/ function.'),
  },
);
