export {
  createTicketingClient,
  type TicketingClient,
  type TicketingClientOptions,
  type TicketingSchema,
} from './ticketing-client';
export type { components, operations, paths } from './schema';
