/**
 * Runs one benchmark by name: `npm run bench -- <name> [options]`. A benchmark module's default export runs it and
 * returns its figures; the runner prints them as ONE JSON line, the last line of output (progress goes to stderr).
 * Benchmarks measure and report: they assert nothing about timings.
 */
type Bench = (args: string[]) => Promise<Record<string, unknown>>;

const benches: Record<string, () => Promise<{ default: Bench }>> = {
  audience: () => import('./audience.js'),
  booking: () => import('./booking.js'),
};

const [name, ...args] = process.argv.slice(2);
const load = name ? benches[name] : undefined;
if (!name || !load) {
  console.error(`usage: npm run bench -- <${Object.keys(benches).join(' | ')}> [options]`);
  process.exit(2);
}
try {
  const figures = await (await load()).default(args);
  process.stdout.write(`${JSON.stringify({ bench: name, ...figures })}\n`);
  process.exit(0);
} catch (error) {
  console.error(error);
  process.exit(1);
}
