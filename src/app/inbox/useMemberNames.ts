// The workspace members' names, for @mentions in comments: asked once per page for a signed-in member.
import { useEffect, useState } from 'react';
import { fetchMemberNames } from '../../sync/inboxApi';

const NONE: readonly string[] = [];

export function useMemberNames(signedIn: boolean): readonly string[] {
  const [names, setNames] = useState<readonly string[]>(NONE);
  useEffect(() => {
    if (!signedIn) return;
    let current = true;
    fetchMemberNames().then(
      (reply) => current && setNames(reply.names),
      () => undefined, // offline: owners and the people present can still be mentioned
    );
    return () => {
      current = false;
    };
  }, [signedIn]);
  return signedIn ? names : NONE;
}
