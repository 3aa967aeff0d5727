// Finds a Chromium for the browser tests and the benchmark: CHROME_PATH, else the usual places.
import { existsSync } from 'node:fs';

export const CANDIDATES = [
	'/usr/bin/chromium',
	'/usr/bin/chromium-browser',
	'/usr/bin/google-chrome',
	'/usr/bin/google-chrome-stable',
	'/snap/bin/chromium'
];

export function findChromium() {
	if (process.env.CHROME_PATH)
		return existsSync(process.env.CHROME_PATH) ? process.env.CHROME_PATH : null;
	return CANDIDATES.find((p) => existsSync(p)) ?? null;
}

/**
 * Flags that keep Chromium itself off the network (see docs/stack.md), so that a network audit
 * sees only the app's own requests.
 */
export const QUIET_FLAGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--gaia-url=http://127.0.0.1:9',
	'--component-updater=url-source=http://127.0.0.1:9/',
	'--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1'
];
