// Node and edge renderers, defined once outside any component (React Flow re-mounts on change).
import type { EdgeTypes, NodeTypes } from '@xyflow/react';
import { ChannelNode } from './nodes/ChannelNode';
import { LanesNode } from './nodes/LanesNode';
import { NoteNode } from './nodes/NoteNode';
import { OwnerNode } from './nodes/OwnerNode';
import { StageNode } from './nodes/StageNode';
import { TouchpointNode } from './nodes/TouchpointNode';
import { PathEdge } from './edges/PathEdge';
import { EmotionNode } from './nodes/EmotionNode';

export const nodeTypes: NodeTypes = {
  stage: StageNode,
  touchpoint: TouchpointNode,
  channel: ChannelNode,
  owner: OwnerNode,
  note: NoteNode,
  lanes: LanesNode,
  emotion: EmotionNode,
};

export const edgeTypes: EdgeTypes = { path: PathEdge };
