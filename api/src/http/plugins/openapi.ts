import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/** The OpenAPI document at /docs/json and its viewer at /docs, built from the routes' schemas. */
export const openApi = fp(
  async (app: FastifyInstance) => {
    await app.register(swagger, {
      openapi: {
        info: { title: 'Campus API', version: '1.0.0', description: 'Peer learning inside Microsoft Teams and Outlook' },
        components: { securitySchemes: { entra: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
        security: [{ entra: [] }],
      },
    });
    await app.register(swaggerUi, { routePrefix: '/docs' });
  },
  { name: 'campus-openapi' },
);
