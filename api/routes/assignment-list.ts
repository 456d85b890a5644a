import type { FastifyPluginAsync } from 'fastify';
import type { RouteDeps } from '../server';
import type { ZodTypeProvider } from '../zod-provider';

export const assignmentListRoutes: FastifyPluginAsync<RouteDeps> = async (fastify) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  void app;
};
