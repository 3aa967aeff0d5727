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
	/** Console messages and page errors, for asserting that nothing broke. */
	messages: string[];
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
}

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
			viewport: { width: 1280, height: 900 }
		});
		if (options.clipboard)
			await context.grantPermissions(['clipboard-read', 'clipboard-write'], {
				origin: new URL(url).origin
			});
		context.on('request', (r) => requests.push(r.url()));
		if (options.block) await context.route(options.block, (r) => r.abort());
		const page = context.pages()[0] ?? (await context.newPage());
		page.on('console', (m) => messages.push(`${m.type()}: ${m.text()}`));
		page.on('pageerror', (e) => messages.push(`pageerror: ${e.message}`));
		await page.goto(url + at);
		return { context, page };
	};
	const session: Session = {
		url,
		...(await launch(route)),
		server,
		requests,
		messages,
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

/** Waits until the sample data (or whatever loads first) is in and summarised. */
export async function waitForData(page: Page): Promise<void> {
	await page.getByTestId('data-summary').first().waitFor({ timeout: 60_000 });
}

export const REALDATA = path.resolve(import.meta.dirname, '../fixtures/realdata');
