/**
 * A dev tenant in a process of its own, so the benchmark's process holds only Campus and its peak memory is
 * Campus's. Prints one JSON line (where the tenant is, and the ids the benchmark's rules name), then serves
 * until it is sent SIGTERM. Usage: tsx tests/bench/dev-tenant-process.ts SIZE
 */
import { ensureDevCertificates } from '../../infra/local/dev-ca.js';
import { startDevTenant } from '../../infra/local/dev-tenant/index.js';

const size = Number(process.argv[2] ?? '100000');
const tenant = await startDevTenant({ size, certificates: await ensureDevCertificates() });
const groupIds = Object.fromEntries([...tenant.state.groups.values()].map((group) => [group.displayName, group.id]));
const users = [...tenant.state.users.values()];
const ceo = users.find((user) => user.managerId === null && user.jobTitle === 'Chief Executive Officer');
const vps = users.filter((user) => user.managerId === ceo?.id).map((user) => ({ id: user.id, jobTitle: user.jobTitle, department: user.department }));
process.stdout.write(
  `${JSON.stringify({
    url: tenant.url,
    tenantId: tenant.tenantId,
    clientId: tenant.campusApp.clientId,
    clientSecret: tenant.campusApp.clientSecret,
    apiAppIdUri: tenant.campusApp.identifierUri,
    people: tenant.state.users.size,
    groupIds,
    vps,
  })}\n`,
);
process.once('SIGTERM', () => {
  tenant.stop().then(
    () => process.exit(0),
    () => process.exit(1),
  );
});
