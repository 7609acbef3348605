import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createPercorsoServer } from './server/app';
import { addStage, addTouchpoint, connect } from './src/model';
const N = 100000;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'prof-'));
let csv = 'customer,at,touchpoint,channel,segment\n';
let s = 7; const rand = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
for (let c = 0; c < N / 8; c++) { let at = Date.UTC(2025,0,1) + Math.floor(rand()*98*86400000); for (let i = 0; i < 8; i++) { csv += `C${c},${new Date(at).toISOString()},${rand()<0.5?'tp'+i:'Touchpoint '+i},web,${c%10?'basic':'gold'}\n`; at += 1000 + Math.floor(rand()*7200000);} }
const server = await createPercorsoServer({ port: 0, host: '127.0.0.1', dataDir: dir, logLevel: 'warn', distDir: dir });
const map = await (await fetch(`${server.url}/api/maps`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ title: 'x' }) })).json() as any;
await server.rooms.use(map.id, (room) => { addStage(room.doc, { id: 's', label: 'S' }); for (let i = 0; i < 12; i++) addTouchpoint(room.doc, { id: `tp${i}`, stageId: 's', label: `Touchpoint ${i}` }); for (let i = 0; i < 11; i++) connect(room.doc, { source: `tp${i}`, target: `tp${i+1}` }); });
let t0 = performance.now();
const r = await fetch(`${server.url}/api/maps/${map.id}/events`, { method: 'POST', headers: { 'content-type': 'text/csv', authorization: `Bearer ${map.editorKey}` }, body: csv });
console.log('import', performance.now() - t0, await r.text());
for (let i = 0; i < 4; i++) { t0 = performance.now(); const f = await fetch(`${server.url}/api/maps/${map.id}/flows`, { headers: { authorization: `Bearer ${map.editorKey}` } }); await f.text(); console.log('flows', performance.now() - t0); }
await server.close();
