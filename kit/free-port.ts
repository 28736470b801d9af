import { createServer } from 'node:net';

// Below Linux's ephemeral range (32768–60999): a port that listen(0) hands out can be taken again
// by any outgoing connection or another listen(0) before the process it was meant for binds it.
const LOW = 20000;
const HIGH = 32767;
const handedOut = new Set<number>();

function bindable(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

/** A port on `host` that is free now and that this process has not handed out before, for another process to listen on. */
export async function freePort(host = '127.0.0.1'): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = LOW + Math.floor(Math.random() * (HIGH - LOW + 1));
    if (handedOut.has(port) || !(await bindable(port, host))) continue;
    handedOut.add(port);
    return port;
  }
  throw new Error(`no free port between ${LOW} and ${HIGH} on ${host}`);
}
