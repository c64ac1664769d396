// For the TypeScript that imports sdk-browser.mjs (vitest.config.ts).
export declare const SDK_BROWSER_CONSTANT: '__APP_GATEWAY_SDK_BROWSER_JS__';
export declare function bundleSdkBrowser(): string;
