/**
 * What every dashboard page computes from: the loaded data, the filters (from the URL), the
 * settings, and the scope they resolve to. Pages ask for metrics with `resource`, which re-runs
 * whenever anything it read changes and drops answers that a newer request has overtaken.
 */
import type { Engine } from '../engine/types';
import type { PreparedOverview } from '../import/prepared';
import { cubeCovers, prepareCube, prepareOverview, type OverviewCube } from '../metrics/overview';
import { metricContext } from '../metrics/run';
import { latestMoment, validateScope, type Scope } from '../metrics/scope';
import { resolveScope } from '../metrics/scope-rules';
import type { MetricContext } from '../metrics/types';
import { filterQuery, filterQueryProblems } from './filters';
import { filters } from './filters.svelte';
import { importFlow } from './import-flow.svelte';
import { persistence } from './persistence.svelte';
import { cachedEngine, queuedEngine, request, type Priority } from './queue';
import { settings } from './settings.svelte';
import { builtOverview } from './startup';
import { workspace } from './workspace.svelte';

/** The key of every request computed from the loaded data: its version (queue.ts). */
const dataKey = () => String(workspace.version);

class Dashboard {
	/** The latest opened or closed moment of the loaded data (the default as-of), per data version. */
	latest = $state<string | null>(null);
	/** The data version `latest` belongs to; -1 until known. */
	latestVersion = $state(-1);
	/** Why the data's latest moment could not be found, if it could not. */
	latestError = $state<string | null>(null);
	private asked = -1;

	/** True once data is loaded and its latest moment is known. */
	get ready(): boolean {
		return Boolean(
			workspace.engine && workspace.dataset.tables.cases && this.latestVersion === workspace.version
		);
	}

	readonly scope: Scope = $derived(resolveScope(filters.state, this.latest));

	/** Why the view's period cannot be computed (e.g. a link whose period ends before it starts), or null. */
	readonly scopeError: string | null = $derived.by(() => {
		const problems = [...filterQueryProblems(filters.query), ...validateScope(this.scope)];
		return problems.length ? `This view's period is not valid: ${problems.join('; ')}.` : null;
	});

	/** What the metrics compute from; null until data is loaded, or while the scope is invalid (`scopeError`). */
	get context(): MetricContext | null {
		if (!this.ready || this.scopeError) return null;
		return metricContext(this.scope, settings.current, workspace.dataset);
	}

	/** The data version whose overview facts (metrics/overview.ts) are built. */
	private factsVersion = -1;
	private factsBuild: { version: number; done: Promise<boolean> } | null = null;

	/** True when the overview's facts belong to the loaded data. */
	get factsReady(): boolean {
		return this.factsVersion === workspace.version;
	}

	/**
	 * Builds the overview's facts for the loaded data, once per data version, on the shared queue
	 * after what is queued now: the first figures after an import come from the catalogue's queries
	 * without waiting for the facts; the sparklines and every later filter change use them. Resolves
	 * to whether they are ready (false when the data changed meanwhile or the build failed).
	 */
	facts(): Promise<boolean> {
		const engine = workspace.engine;
		const version = workspace.version;
		if (!engine || !workspace.dataset.tables.cases) return Promise.resolve(false);
		if (this.factsBuild?.version !== version) {
			const facts = request(dataKey(), dataKey);
			// A failed build leaves the facts unready: the catalogue's own queries keep answering.
			const done = prepareOverview(queuedEngine(engine, facts), workspace.dataset).then(
				() => {
					if (facts.current()) this.factsVersion = version;
					return facts.current();
				},
				() => false
			);
			this.factsBuild = { version, done };
		}
		return this.factsBuild.done;
	}

	/** The overview's cube (metrics/overview.ts) last built, with its data version (read when computing). */
	private cubeBuilt: { version: number; cube: OverviewCube } | null = null;
	private cubeAsked = '';
	/** For the page to show: how far the cube last asked for got, and for which data version. */
	private cubeProgress = $state<{ version: number; state: 'building' | 'built' | 'failed' }>({
		version: -1,
		state: 'building'
	});

	/**
	 * 'built' once the cube holds every date last asked for the loaded data; 'failed' when a step
	 * failed (the facts answer).
	 */
	get cubeState(): 'none' | 'building' | 'built' | 'failed' {
		return this.cubeProgress.version === workspace.version ? this.cubeProgress.state : 'none';
	}

	/** The overview's cube for the loaded data, if one is built. */
	get cube(): OverviewCube | null {
		return this.cubeBuilt?.version === workspace.version ? this.cubeBuilt.cube : null;
	}

	/**
	 * Builds the overview's cube for the scopes' dates on the shared queue, unless the one built
	 * holds them: a step per group of scopes, each adding to the last, so that a filter change
	 * waits for one step at most and the first group is answered as soon as it is in. Called once
	 * the figures and sparklines of new dates are in: the filter changes that follow keep the dates,
	 * and their figures become sums over the cube.
	 */
	cubeFor(ctx: MetricContext, steps: Scope[][]): void {
		const engine = workspace.engine;
		const version = workspace.version;
		if (!engine || !this.factsReady || cubeCovers(this.cube, ctx, steps.flat())) return;
		const asked = JSON.stringify([
			version,
			steps.flat().map((s) => [s.from, s.to, s.asOf]),
			ctx.settings
		]);
		if (this.cubeAsked === asked) return;
		this.cubeAsked = asked;
		// Its tables are about to be replaced: nothing queued from now on may read them.
		this.cubeBuilt = null;
		this.cubeProgress = { version, state: 'building' };
		// Stale once other dates are asked for, or the data changed.
		// In the background: a filter change's figures go first (from the facts meanwhile).
		const cubeRequest = request(
			asked,
			() => (workspace.version === version ? this.cubeAsked : `${this.cubeAsked} (data changed)`),
			'background'
		);
		const queued = queuedEngine(engine, cubeRequest);
		void (async () => {
			let cube: OverviewCube | null = null;
			for (const scopes of steps) {
				cube = await prepareCube(queued, ctx, scopes, cube);
				if (!cubeRequest.current()) return;
				this.cubeBuilt = { version, cube };
			}
			this.cubeProgress = { version, state: 'built' };
		})().catch(() => {
			// Shown as the overview's data-cube state (the facts keep answering); a stale request's
			// failure is dropped with it, as its result would be: a newer request answers.
			if (cubeRequest.current()) this.cubeProgress = { version, state: 'failed' };
		});
	}

	/**
	 * The sample's overview as computed when the app was built (import/prepared.ts, state/startup.ts), while it
	 * stands for what the overview would compute: on a first visit (the bundled sample on its way,
	 * or loaded), with no filters and the default settings, and, once the data's latest moment is
	 * known, for that very scope. Null otherwise.
	 */
	sampleOverview(): PreparedOverview | null {
		const overview = builtOverview();
		if (!overview || this.scopeError) return null;
		const sample =
			workspace.origin === 'sample' ||
			(workspace.origin === 'none' && !persistence.keep && importFlow.phase.name !== 'failed');
		if (
			!sample ||
			filterQuery(filters.state) !== '' ||
			JSON.stringify(settings.current) !== overview.settings
		)
			return null;
		if (this.latestVersion === workspace.version && JSON.stringify(this.scope) !== overview.scope)
			return null;
		return overview;
	}

	/** Called from the layout's effect: finds the data's latest moment after each import. */
	refreshLatest(): void {
		const engine = workspace.engine;
		const version = workspace.version;
		if (!engine || !workspace.dataset.tables.cases || this.asked === version) return;
		this.asked = version;
		this.latestError = null;
		const dataset = workspace.dataset;
		const latest = request(dataKey(), dataKey);
		latestMoment(queuedEngine(engine, latest), dataset).then(
			(moment) => {
				if (!latest.current()) return;
				performance.mark('overview:latest');
				this.latest = moment;
				this.latestVersion = version;
			},
			(error: unknown) => {
				// Without it no view can be computed: every dashboard page shows why.
				if (latest.current())
					this.latestError = error instanceof Error ? error.message : String(error);
			}
		);
	}
}

export const dashboard = new Dashboard();

/** A computed value only while it belongs to the scope on screen (an answer for an earlier filter is not shown). */
export function ofCurrentScope<T extends { scope: string }>(value: T | null): T | null {
	return value && value.scope === JSON.stringify(dashboard.scope) ? value : null;
}

export interface Resource<T> {
	readonly value: T | null;
	readonly loading: boolean;
	readonly error: string | null;
	/** Milliseconds the last completed run took. */
	readonly ms: number | null;
}

/**
 * A value computed from the engine. `compute` runs inside an effect, reads whatever it depends on
 * (scope, settings, data version …) synchronously, and returns the async work, or null when there
 * is nothing to do yet (which also stops a run in flight). `priority` 'background': its statements
 * wait for the view's (queue.ts). Call during component initialisation.
 */
export function resource<T>(
	key: string,
	compute: () => ((engine: Engine) => Promise<T>) | null,
	priority: Priority = 'view'
): Resource<T> {
	let value = $state.raw<T | null>(null);
	let loading = $state(false);
	let error = $state<string | null>(null);
	let ms = $state<number | null>(null);
	// Each run of the effect is a new request of this view (its key: the data version and the run).
	let runs = 0;
	const runKey = () => `${key} ${workspace.version} ${runs}`;
	$effect(() => {
		dashboard.refreshLatest();
		const engine = workspace.engine;
		const work = compute();
		runs++;
		// Nothing to do now: a run still in flight answers an outdated request, so it stops (at its next statement).
		if (!engine || !work) {
			loading = false;
			return;
		}
		const run = request(runKey(), runKey, priority);
		loading = true;
		const started = performance.now();
		work(cachedEngine(queuedEngine(engine, run), workspace.version)).then(
			(v) => {
				if (!run.current()) return;
				value = v;
				error = null;
				loading = false;
				ms = performance.now() - started;
			},
			(e) => {
				// A stale request's failure (Superseded, most often) is nobody's to see: a newer one answers.
				if (!run.current()) return;
				error = e instanceof Error ? e.message : String(e);
				loading = false;
			}
		);
		// A page left stops its statements too (its next one), rather than holding the next page's back.
		return () => {
			runs++;
		};
	});
	return {
		get value() {
			return value;
		},
		get loading() {
			return loading;
		},
		get error() {
			return error;
		},
		get ms() {
			return ms;
		}
	};
}
