// App-wide types for SvelteKit (none needed yet).
declare global {
	namespace App {}
}
export {};
