export { createGraphGateway } from './graph-gateway.js';
export type {
  BatchRequest,
  BatchResponse,
  GraphGateway,
  GraphGatewayConfig,
  GraphHeaders,
} from './graph-gateway.js';
export { GraphRequestError } from './graph-request-error.js';
export { createPeopleDirectory } from './people-directory.js';
export { createOrganizationRoles } from './organization-roles.js';
export { createCalendarGateway } from './calendar-gateway.js';
export { createMailGateway } from './mail-gateway.js';
export { createDirectorySource } from './directory-source.js';
