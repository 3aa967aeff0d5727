// Modules vite.config.ts makes at build time.
declare module 'virtual:sample-overview' {
	const overview: import('$lib/import/prepared').PreparedOverview;
	export default overview;
}
declare module 'virtual:sample-prepared' {
	const prepared: import('$lib/import/prepared').PreparedSample;
	export default prepared;
}
