/**
 * Every Astro Action, by namespace. Actions are public endpoints
 * (`/_actions/<name>`): each handler authorises itself.
 */
import { auth } from './auth';
import { profile } from './profile';
import { members } from './members';
import { admin } from './admin';
import { learning } from './learning';
import { manager } from './manager';
import { live } from './live';
import { impact } from './impact';
import { identity } from './identity';

export const server = { auth, profile, members, admin, learning, manager, live, impact, identity };
