// `npm run dev`: the API/sync server (restarted on change by tsx watch) and Vite with hot reload,
// which proxies /api and /sync to it, so the browser sees one origin as in production.
import { spawn } from 'node:child_process';

const apiPort = process.env.DEV_API_PORT ?? '5174';
const children = [
  spawn('npx', ['tsx', 'watch', 'server/main.ts'], {
    stdio: 'inherit',
    env: { ...process.env, PORT: apiPort, HOST: '127.0.0.1' },
  }),
  spawn('npx', ['vite'], { stdio: 'inherit', env: { ...process.env, DEV_API_PORT: apiPort } }),
];
const stop = () => children.forEach((child) => child.kill('SIGTERM'));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
for (const child of children)
  child.on('exit', (code) => {
    stop();
    process.exitCode = code ?? 0;
  });
