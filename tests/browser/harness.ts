import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Server } from 'node:http';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
// Plain JavaScript modules shared with npm start and npm test.
import { serve } from '../../scripts/serve.mjs';
import { findChromium, QUIET_FLAGS } from '../../scripts/browser-path.mjs';

export interface Session {
	url: string;
	context: BrowserContext;
	page: Page;
	/** The static server: tests may stop it to take the app's origin off the network. */
	server: Server;
	/** Every request the pages made, in order. */
	requests: string[];
	/**
	 * Console messages, page errors and failed requests of every page (tab) the browser opens, for
	 * asserting that nothing broke: 'pageerror: …', 'error: …' (console), 'requestfailed: …', each
	 * ending with the tab it came from ('[tab 2]').
	 */
	messages: string[];
	/**
	 * What went wrong in any tab: page errors, console errors, failed requests, and requests to
	 * anywhere but the app's origin (data: and blob: URLs are the page's own).
	 */
	problems(): string[];
	/**
	 * Closes the browser and opens it again on the same profile directory and the same server (a
	 * browser restart: the origin and everything the browser stored stay), at `route`.
	 */
	restart(route?: string): Promise<void>;
	close(): Promise<void>;
}

export interface OpenOptions {
	/** Grant clipboard access (for "Copy details" tests). */
	clipboard?: boolean;
	/** Requests to fail as a network error would (URLs matching it). */
	block?: RegExp;
	/** localStorage entries every page of the app starts with (set before any of its scripts run). */
	storage?: Record<string, string>;
	/** A script every page runs before its own (to record what the page does from the start). */
	init?: () => void;
	/** The browser's locale ('de-DE'); by default Chromium's own (en-US). */
	locale?: string;
}

/** Turns off the overview computed at build time: the page computes even the sample's default view. */
export const COMPUTE_IN_PAGE = { 'casemetrics.skipBuiltOverview': '1' };

/** Serves build/ on a free loopback port and opens it in a fresh headless Chromium profile. */
export async function openApp(route = '', options: OpenOptions = {}): Promise<Session> {
	const executablePath = findChromium();
	if (!executablePath)
		throw new Error('No Chromium: run the tests with npm test, which finds or installs one.');
	const { server, url } = await serve({ port: 0 });
	const profile = await mkdtemp(path.join(os.tmpdir(), 'casemetrics-chromium-'));
	const requests: string[] = [];
	const messages: string[] = [];
	const launch = async (at: string) => {
		const context = await chromium.launchPersistentContext(profile, {
			executablePath,
			headless: true,
			args: QUIET_FLAGS,
			viewport: { width: 1280, height: 900 },
			...(options.locale ? { locale: options.locale } : {})
		});
		if (options.clipboard)
			await context.grantPermissions(['clipboard-read', 'clipboard-write'], {
				origin: new URL(url).origin
			});
		// Every tab, the first and any opened later (by the test or by the app), is listened to.
		const tabs: Page[] = [];
		const tab = (page: Page) => tabs.indexOf(page) + 1;
		context.on('request', (r) => requests.push(r.url()));
		context.on('requestfailed', (r) => {
			// A service worker's request has no frame (Playwright throws when asked for it).
			let from = 'service worker';
			try {
				from = `tab ${tab(r.frame().page())}`;
			} catch {
				/* keeps 'service worker' */
			}
			messages.push(`requestfailed: ${r.url()} ${r.failure()?.errorText ?? ''} [${from}]`);
		});
		if (options.storage)
			await context.addInitScript((entries) => {
				// about:blank has no storage of its own: only the app's pages get the entries.
				if (location.protocol.startsWith('http'))
					for (const [k, v] of Object.entries(entries)) localStorage.setItem(k, v);
			}, options.storage);
		if (options.init) await context.addInitScript(options.init);
		if (options.block) await context.route(options.block, (r) => r.abort());
		const watch = (page: Page) => {
			if (tabs.includes(page)) return;
			tabs.push(page);
			page.on('console', (m) => messages.push(`${m.type()}: ${m.text()} [tab ${tab(page)}]`));
			page.on('pageerror', (e) => messages.push(`pageerror: ${e.message} [tab ${tab(page)}]`));
		};
		context.on('page', watch);
		for (const p of context.pages()) watch(p);
		const page = context.pages()[0] ?? (await context.newPage());
		await page.goto(url + at);
		return { context, page };
	};
	const session: Session = {
		url,
		...(await launch(route)),
		server,
		requests,
		messages,
		problems() {
			const origin = new URL(url).origin;
			const foreign = requests.filter(
				(r) => !r.startsWith(origin) && !r.startsWith('data:') && !r.startsWith('blob:')
			);
			return [
				...messages.filter((m) => /^(pageerror|error|requestfailed): /.test(m)),
				...foreign.map((r) => `foreign request: ${r}`)
			];
		},
		async restart(at = route) {
			await session.context.close();
			Object.assign(session, await launch(at));
		},
		async close() {
			await session.context.close();
			server.closeAllConnections();
			await new Promise((r) => server.close(r));
			await rm(profile, { recursive: true, force: true });
		}
	};
	return session;
}

/**
 * Follows an in-app link to `#route`: SvelteKit's router handles it without reloading, so data
 * imported into this tab stays (setting location.hash or page.goto would reload the app).
 */
export async function navigate(page: Page, route: string): Promise<void> {
	await page.evaluate((href) => {
		const a = document.createElement('a');
		a.href = href;
		document.body.append(a);
		a.click();
		a.remove();
	}, `#${route}`);
	await page.waitForFunction((r) => location.hash === r, `#${route}`);
}

/** Waits until the sample data (or whatever loads first) is in and summarised. */
export async function waitForData(page: Page): Promise<void> {
	await page.getByTestId('data-summary').first().waitFor({ timeout: 60_000 });
}

export const REALDATA = path.resolve(import.meta.dirname, '../fixtures/realdata');
