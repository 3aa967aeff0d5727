/**
 * The dashboard's global filters, one store for every page. The URL is the source of truth: the
 * state is read from the query inside the hash (`page.url` of `$app/state`, which SvelteKit updates
 * on every navigation, Back and Forward included), and every change navigates with `goto` to the
 * same route with the new query. So a view can be bookmarked, survives a reload, and Back/Forward
 * step through filter changes.
 */
import { goto } from '$app/navigation';
import { page } from '$app/state';
import {
	chips,
	cloneState,
	filterQuery,
	hrefWith,
	parseFilterQuery,
	queryOf,
	routeOf,
	toggleValue,
	type Dimension
} from './filters';
import { defaultFilterState, type FilterState, type Preset } from '../metrics/scope-rules';

class FilterStore {
	/**
	 * The query a navigation started by `apply` is on its way to: the views follow it at once
	 * instead of after SvelteKit's navigation (about 10 ms), and the URL catches up.
	 */
	private pending = $state.raw<{ query: string } | null>(null);
	/** The current query text (without `?`): the URL's, or the one `apply` is navigating to. */
	readonly query = $derived(this.pending?.query ?? queryOf(page.url?.hash ?? ''));
	readonly state: FilterState = $derived(parseFilterQuery(this.query));
	/** The normalised query of the filters only (what links to other pages carry). */
	readonly filterQuery = $derived(filterQuery(this.state));
	readonly chips = $derived(chips(this.state));
	readonly route = $derived(routeOf(page.url?.hash ?? ''));

	/** `#route?filters` (plus extra parameters) for links that keep the current view. */
	href(route: string, params: Record<string, string | null | undefined> = {}): string {
		return hrefWith(route, this.state, params);
	}

	/** Navigates to the current route with `next` as the filters; other parameters of the page are kept. */
	async apply(
		next: FilterState,
		options: { replace?: boolean; keep?: string[] } = {}
	): Promise<void> {
		const extras: Record<string, string | null> = {};
		if (options.keep) {
			for (const part of this.query.split('&')) {
				const eq = part.indexOf('=');
				const key = eq >= 0 ? part.slice(0, eq) : part;
				if (options.keep.includes(key)) extras[key] = part.slice(eq + 1);
			}
		}
		const q = [filterQuery(next), ...Object.entries(extras).map(([k, v]) => `${k}=${v}`)]
			.filter(Boolean)
			.join('&');
		const href = `#${this.route}${q ? '?' + q : ''}`;
		if (href === `#${this.route}${this.query ? '?' + this.query : ''}`) return;
		// The navigation's key is its query: once the URL has it, views follow the URL again.
		this.pending = { query: q };
		try {
			await goto(href, { keepFocus: true, noScroll: true, replaceState: options.replace ?? false });
		} finally {
			// Only its own: a later change (another query) may be on its way meanwhile.
			if (this.pending?.query === q) this.pending = null;
		}
	}

	toggle(dim: Dimension, value: string | null, keep?: string[]): Promise<void> {
		return this.apply(toggleValue(this.state, dim, value), { keep });
	}

	/** Sets a dimension to exactly these values. */
	set(dim: Dimension, values: (string | null)[], keep?: string[]): Promise<void> {
		const next = cloneState(this.state);
		next.filters[dim] = [...values];
		return this.apply(next, { keep });
	}

	remove(dim: Dimension, value: string | null, keep?: string[]): Promise<void> {
		const next = cloneState(this.state);
		next.filters[dim] = next.filters[dim].filter((v) => v !== value);
		return this.apply(next, { keep });
	}

	setPreset(preset: Preset, custom?: { from: string; to: string }, keep?: string[]): Promise<void> {
		const next = cloneState(this.state);
		next.preset = preset;
		next.from = preset === 'custom' ? (custom?.from ?? null) : null;
		next.to = preset === 'custom' ? (custom?.to ?? null) : null;
		return this.apply(next, { keep });
	}

	setAsOf(asOf: string | null, keep?: string[]): Promise<void> {
		const next = cloneState(this.state);
		next.asOf = asOf;
		return this.apply(next, { keep });
	}

	/** Removes every filter (the period and as-of date too). */
	clear(keep?: string[]): Promise<void> {
		return this.apply(defaultFilterState(), { keep });
	}
}

export const filters = new FilterStore();
