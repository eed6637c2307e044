/**
 * Every Astro Action, by namespace. Actions are public endpoints
 * (`/_actions/<name>`): each handler authorises itself.
 */
import { auth } from './auth';
import { profile } from './profile';
import { members } from './members';
import { admin } from './admin';
import { learning } from './learning';

export const server = { auth, profile, members, admin, learning };
