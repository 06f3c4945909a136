// Node leaves its event loop when nothing is registered with it, even while an
// asynchronous WebAssembly.compile or instantiate is still pending on V8's
// worker threads; it then waits for those tasks in NodePlatform::DrainTasks and
// may never wake (nodejs/node#36616). Seen here: run-node stuck for 20 minutes
// at 0% CPU between two cases, under load. A timer registered for the whole run
// keeps the loop alive, so pending compilations resolve as usual.
export async function keepingLoopAlive(fn) {
  const timer = setInterval(() => {}, 2 ** 30);
  try {
    return await fn();
  } finally {
    clearInterval(timer);
  }
}
