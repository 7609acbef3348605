// Who acts on a map: a workspace member (signed in with a session) or a guest holding a share key.
// Every authorization decision (HTTP and websocket) yields one, so history and presence can name it.
import type { Role } from './keys';

export type WorkspaceRole = 'admin' | 'editor' | 'viewer';

export interface Member {
  id: string;
  email: string;
  name: string;
  role: WorkspaceRole;
}

export type Actor = { kind: 'member'; member: Member } | { kind: 'guest'; via: 'editor' | 'viewer' };

/** The map role a workspace role grants: admins and editors edit every map, viewers read (and comment). */
export function mapRoleOf(role: WorkspaceRole): Role {
  return role === 'viewer' ? 'viewer' : 'editor';
}

export function guestActor(via: Role): Actor {
  return { kind: 'guest', via };
}

export function memberActor(member: Member): Actor {
  return { kind: 'member', member };
}
