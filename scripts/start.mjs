// `npm start`: build the app, then serve it on this machine with the sample data.
import { execSync } from 'node:child_process';
import { serve } from './serve.mjs';

execSync('npx vite build', { stdio: ['ignore', 'ignore', 'inherit'] });
const port = Number(process.env.PORT ?? 4173);
const { url } = await serve({ port });
console.log(
	`\nCasemetrics is running at ${url}\n` +
		'It opens with the bundled sample data; import your own exports from the Import page.\n' +
		'Everything runs in your browser: no data leaves this computer. Press Ctrl+C to stop.\n'
);
