// The words for workspace roles, in the current language.
import type { Translate } from '../../i18n';
import type { WorkspaceRole } from '../../sync/accountsApi';

export const ROLES: readonly WorkspaceRole[] = ['admin', 'editor', 'viewer'];

export function roleLabel(t: Translate, role: WorkspaceRole): string {
  return t(role === 'admin' ? 'members.roleAdmin' : role === 'editor' ? 'members.roleEditor' : 'members.roleViewer');
}
