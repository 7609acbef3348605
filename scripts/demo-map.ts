// Creates a demo map on a running Percorso server (the omnichannel support journey) through the
// HTTP API and a real y-websocket client, and prints its editor link.
// Usage: npx tsx scripts/demo-map.ts [http://localhost:5173]
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { addChannel, addOwner, addStage, addTouchpoint, assignStageOwner, connect, LOCAL_USER } from '../src/model';

const base = process.argv[2] ?? 'http://localhost:5173';

const response = await fetch(`${base}/api/maps`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ title: 'Omnichannel support: a broken e-bike' }),
});
if (!response.ok) throw new Error(`POST /api/maps failed: ${response.status} ${await response.text()}`);
const { id, editorKey } = (await response.json()) as { id: string; editorKey: string };

const doc = new Y.Doc();
const provider = new WebsocketProvider(`${base.replace(/^http/, 'ws')}/sync`, id, doc, {
  params: { key: editorKey },
  WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
});
await new Promise<void>((resolve) => provider.once('sync', () => resolve()));

doc.transact(() => {
  const stages = ['Problem', 'Contact', 'Resolution', 'Follow-up'].map((label) => addStage(doc, { label }));
  const [problem, contact, resolution, followUp] = stages as [string, string, string, string];
  const channels = [
    addChannel(doc, { label: 'E-mail', type: 'digital', medium: 'email', x: 20, y: 490 }),
    addChannel(doc, { label: 'Contact centre', type: 'digital', medium: 'phone', x: 230, y: 490 }),
    addChannel(doc, { label: 'WhatsApp', type: 'digital', medium: 'messaging', x: 500, y: 490 }),
    addChannel(doc, { label: 'Web chat', type: 'digital', medium: 'messaging', x: 760, y: 490 }),
    addChannel(doc, { label: 'Review site', type: 'digital', medium: 'review', x: 1020, y: 490 }),
  ];
  const [email, phone, whatsapp, chat, review] = channels as [string, string, string, string, string];
  const t1 = addTouchpoint(doc, {
    stageId: problem,
    label: 'Writes an e-mail about the broken battery',
    channelId: email,
    x: 30,
    y: 110,
  });
  const t2 = addTouchpoint(doc, {
    stageId: contact,
    label: 'Calls the contact centre',
    channelId: phone,
    x: 30,
    y: 110,
  });
  const t3 = addTouchpoint(doc, {
    stageId: contact,
    label: 'Sends photos on WhatsApp',
    channelId: whatsapp,
    x: 30,
    y: 250,
  });
  const t4 = addTouchpoint(doc, {
    stageId: resolution,
    label: 'Chats on the website to book the repair',
    channelId: chat,
    x: 30,
    y: 110,
  });
  const t5 = addTouchpoint(doc, { stageId: followUp, label: 'Leaves a review', channelId: review, x: 30, y: 110 });
  connect(doc, { source: t1, target: t2 });
  connect(doc, { source: t2, target: t3 });
  connect(doc, { source: t3, target: t4 });
  connect(doc, { source: t4, target: t5, label: 'a week later' });
  const giulia = addOwner(doc, { name: 'Giulia Rossi', role: 'Support lead', x: 0, y: -96 });
  const marco = addOwner(doc, { name: 'Marco Bianchi', role: 'Service manager', x: 190, y: -96 });
  assignStageOwner(doc, contact, giulia);
  assignStageOwner(doc, resolution, marco);
  assignStageOwner(doc, problem, giulia);
}, LOCAL_USER);

await new Promise((resolve) => setTimeout(resolve, 500));
provider.destroy();
console.log(`${base}/map/${id}#key=${editorKey}`);
process.exit(0);
