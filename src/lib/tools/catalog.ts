/**
 * The printable tools, in the order the Työkalut page lists them.
 */
import type { Tool } from './types';
import { conversationGuide } from './sheets/puheeksi-otto';
import { consentChecklist } from './sheets/tietojen-luovutus';
import { networkAgenda } from './sheets/verkostotapaaminen';
import { supportPlan } from './sheets/tuen-suunnitelma';
import { referralChecklist } from './sheets/ohjaus';
import { statementChecklist } from './sheets/lausunto';

const TOOLS: readonly Tool[] = [conversationGuide, consentChecklist, networkAgenda, supportPlan, referralChecklist, statementChecklist];

/** Every tool, in display order. */
export function listTools(): readonly Tool[] {
  return TOOLS;
}

/** The tool with this id, or undefined. */
export function findTool(id: string): Tool | undefined {
  return TOOLS.find((t) => t.id === id);
}

/** The HTML page of a tool. */
export const toolPath = (id: string): string => `/tyokalut/${id}`;
/** The PDF of a tool. */
export const toolPdfPath = (id: string): string => `/tyokalut/${id}.pdf`;
