import puppeteer, { type Browser } from 'puppeteer-core';

/**
 * Preferences for a machine that reaches nothing but localhost (and the npm registry): no telemetry,
 * studies, updates, captive-portal or connectivity checks, safe-browsing lists, remote settings,
 * push, geolocation or prefetching. Without them Firefox keeps trying Mozilla's hosts. Whatever
 * is left goes to `sinkProxy`, which refuses it (and the run reports what tried).
 */
function closedNetworkPrefs(sinkProxy: { host: string; port: number }): Record<string, unknown> {
  return {
    // Telemetry and data reporting.
    'toolkit.telemetry.enabled': false,
    'toolkit.telemetry.unified': false,
    'toolkit.telemetry.archive.enabled': false,
    'toolkit.telemetry.server': '',
    'toolkit.telemetry.updatePing.enabled': false,
    'toolkit.telemetry.newProfilePing.enabled': false,
    'toolkit.telemetry.firstShutdownPing.enabled': false,
    'toolkit.telemetry.shutdownPingSender.enabled': false,
    'toolkit.telemetry.bhrPing.enabled': false,
    'toolkit.coverage.opt-out': true,
    'toolkit.coverage.endpoint.base': '',
    'datareporting.healthreport.uploadEnabled': false,
    'datareporting.policy.dataSubmissionEnabled': false,
    'datareporting.usage.uploadEnabled': false,
    'browser.ping-centre.telemetry': false,
    'browser.newtabpage.activity-stream.telemetry': false,
    'browser.newtabpage.activity-stream.feeds.telemetry': false,
    // Studies, experiments, recommendations.
    'app.normandy.enabled': false,
    'app.normandy.api_url': '',
    'app.shield.optoutstudies.enabled': false,
    'messaging-system.rsexperimentloader.enabled': false,
    'browser.discovery.enabled': false,
    'extensions.getAddons.showPane': false,
    'extensions.htmlaboutaddons.recommendations.enabled': false,
    'browser.newtabpage.activity-stream.feeds.topsites': false,
    'browser.newtabpage.activity-stream.default.sites': '',
    'browser.topsites.contile.enabled': false,
    'browser.urlbar.quicksuggest.enabled': false,
    'browser.translations.enable': false,
    'identity.fxaccounts.enabled': false,
    // Updates of the browser, add-ons, plugins, blocklists and certificates data.
    'app.update.auto': false,
    'app.update.disabledForTesting': true,
    'extensions.update.enabled': false,
    'extensions.systemAddon.update.enabled': false,
    'extensions.systemAddon.update.url': '',
    'extensions.blocklist.enabled': false,
    'media.gmp-manager.updateEnabled': false,
    'media.gmp-manager.url': '',
    'media.gmp-gmpopenh264.enabled': false,
    // With MOZ_DISABLE_NONLOCAL_CONNECTIONS (below), release builds honour this and skip Remote Settings.
    'services.settings.server': 'data:,#remote-settings-dummy/v1',
    'security.remote_settings.crlite_filters.enabled': false,
    'security.remote_settings.intermediates.enabled': false,
    'security.OCSP.enabled': 0,
    'browser.region.update.enabled': false,
    'browser.region.network.url': '',
    'browser.search.update': false,
    // Captive portal and connectivity checks.
    'network.captive-portal-service.enabled': false,
    'network.connectivity-service.enabled': false,
    'captivedetect.canonicalURL': '',
    // Safe browsing: no list downloads, no remote lookups of downloads.
    'browser.safebrowsing.malware.enabled': false,
    'browser.safebrowsing.phishing.enabled': false,
    'browser.safebrowsing.blockedURIs.enabled': false,
    'browser.safebrowsing.downloads.enabled': false,
    'browser.safebrowsing.downloads.remote.enabled': false,
    'browser.safebrowsing.provider.google.updateURL': '',
    'browser.safebrowsing.provider.google.gethashURL': '',
    'browser.safebrowsing.provider.google4.updateURL': '',
    'browser.safebrowsing.provider.google4.gethashURL': '',
    'browser.safebrowsing.provider.mozilla.updateURL': '',
    'browser.safebrowsing.provider.mozilla.gethashURL': '',
    // Push, geolocation, DNS over HTTPS, prefetching and speculative connections.
    'dom.push.connection.enabled': false,
    'dom.push.serverURL': '',
    'geo.enabled': false,
    'geo.provider.network.url': '',
    'network.trr.mode': 5,
    'network.dns.disablePrefetch': true,
    'network.prefetch-next': false,
    'network.predictor.enabled': false,
    'network.http.speculative-parallel-limit': 0,
    // Everything not on this machine goes to the sink (which refuses it); the servers under test are local.
    'network.proxy.type': 1,
    'network.proxy.http': sinkProxy.host,
    'network.proxy.http_port': sinkProxy.port,
    'network.proxy.ssl': sinkProxy.host,
    'network.proxy.ssl_port': sinkProxy.port,
    'network.proxy.no_proxies_on': 'localhost, .localhost, 127.0.0.1',
    'network.proxy.allow_hijacking_localhost': false,
  };
}

/**
 * Firefox's own cookie behaviour, not Puppeteer's test default (which accepts every third-party cookie
 * unpartitioned): Total Cookie Protection (5), so the artifact proxy's cookie in the gateway's frame
 * lives in the gateway's partition, as for a real user. Tracking protection stays off (its lists are
 * downloads).
 */
const SHIPPED_COOKIE_PREFS: Record<string, unknown> = {
  'network.cookie.cookieBehavior': 5,
  'browser.contentblocking.features.standard': '-tp,tpPrivate,cookieBehavior5,cookieBehaviorPBM5,-cryptoTP,-fp',
};

/** Starts a headless Firefox on a fresh profile, driven over WebDriver BiDi. */
export function launchFirefox(options: { executablePath: string; profileDir: string; sinkProxy: { host: string; port: number } }): Promise<Browser> {
  return puppeteer.launch({
    browser: 'firefox',
    protocol: 'webDriverBiDi',
    executablePath: options.executablePath,
    userDataDir: options.profileDir,
    headless: true,
    // The run's teardown closes it; a test process's signals are not its business.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    extraPrefsFirefox: { ...closedNetworkPrefs(options.sinkProxy), ...SHIPPED_COOKIE_PREFS },
    // MOZ_DISABLE_NONLOCAL_CONNECTIONS: Mozilla's own test setting; only the sink proxy and the servers
    // under test are reachable, both on this machine.
    env: { ...process.env, MOZ_CRASHREPORTER_DISABLE: '1', MOZ_DISABLE_NONLOCAL_CONNECTIONS: '1' },
  });
}

/** Attaches to the run's Firefox (started by the global setup) from a test file. */
export function connectFirefox(browserWSEndpoint: string): Promise<Browser> {
  return puppeteer.connect({ browserWSEndpoint, protocol: 'webDriverBiDi' });
}
