/** SCIM 2.0 Users collection (list/filter, create) for providers' provisioning clients. */
import type { APIRoute } from 'astro';
import { handleScimRequest } from '../../../../lib/server/scim/http';
import { serviceContextFor } from '../../../../lib/server/web/request';

export const prerender = false;

export const ALL: APIRoute = (context) => handleScimRequest(serviceContextFor(context), context.request, undefined);
