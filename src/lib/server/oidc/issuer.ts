/**
 * Which issuer URLs an administrator may configure: https only, and for
 * Microsoft Entra ID a tenant-specific one. The multi-tenant endpoints
 * (`common`, `organizations`, `consumers`) would let anyone with any
 * Microsoft account start a sign-in, so they are refused.
 */
export type IssuerProblem = 'not_url' | 'not_https' | 'multi_tenant' | 'has_query';

const ENTRA_HOSTS = new Set(['login.microsoftonline.com', 'login.microsoftonline.us', 'login.partner.microsoftonline.cn', 'sts.windows.net']);
const MULTI_TENANT = new Set(['common', 'organizations', 'consumers']);

/** Null when the issuer URL is acceptable, else what is wrong with it. */
export function checkIssuerUrl(text: string): IssuerProblem | null {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return 'not_url';
  }
  if (url.protocol !== 'https:') return 'not_https';
  if (url.search || url.hash) return 'has_query';
  if (ENTRA_HOSTS.has(url.hostname.toLowerCase())) {
    const tenant = url.pathname.split('/').filter(Boolean)[0]?.toLowerCase();
    if (!tenant || MULTI_TENANT.has(tenant)) return 'multi_tenant';
  }
  return null;
}

/** True for an Entra ID issuer, whose people are keyed by tenant and object id. */
export function isEntraIssuer(issuer: string): boolean {
  try {
    return ENTRA_HOSTS.has(new URL(issuer).hostname.toLowerCase());
  } catch {
    return false;
  }
}
