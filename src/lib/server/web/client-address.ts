/**
 * The header in which our own HTTP server states the client's address for
 * each request, after applying `TRUST_PROXY`. Any value a client sends is
 * replaced, so pages can rely on it for rate limits and the audit log.
 */
export const CLIENT_ADDRESS_HEADER = 'x-client-address';
