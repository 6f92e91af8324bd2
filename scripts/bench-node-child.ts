/**
 * Child process of the Node bench: measures one backend (argv[2] is a BackendJob as JSON) and
 * sends the BackendResult to the parent over IPC. Started by runBackendJob, not by hand.
 */
import { type BackendJob, measureBackend } from './bench-node-training';

const job = JSON.parse(process.argv[2] ?? '') as BackendJob;
const result = await measureBackend(job);
// Exit explicitly once the message is out: Dawn's device keeps the event loop alive.
process.send?.(result, () => process.exit(0));
if (!process.send) {
  console.log(JSON.stringify(result, null, 2));
  process.exit(0);
}
